namespace EvoComposer.Theory.Formats;

/// <summary>
/// A defect a reader tolerated (read around rather than rejected), with where in the input it was found, in any
/// format. Immutable.
/// </summary>
/// <param name="Location">Where, in the format's own terms ("line 12, spine 3"); empty when it concerns the whole input.</param>
/// <param name="Message">What was tolerated and how it was read.</param>
public readonly record struct ReadDiagnostic(string Location, string Message)
{
    /// <summary>"location: message", or the message alone when there is no location.</summary>
    public override string ToString() => string.IsNullOrEmpty(Location) ? Message : $"{Location}: {Message}";
}
