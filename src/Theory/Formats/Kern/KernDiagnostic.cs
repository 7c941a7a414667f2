namespace EvoComposer.Theory.Formats.Kern;

/// <summary>
/// A defect the kern reader tolerated (an unknown interpretation, a tie without a start, a note that starts
/// before the previous one in its spine has ended, …), with where it was found. Immutable.
/// </summary>
/// <param name="Line">1-based line.</param>
/// <param name="Spine">1-based spine, or 0 when the defect concerns the whole line.</param>
/// <param name="Message">What was tolerated and how it was read.</param>
public readonly record struct KernDiagnostic(int Line, int Spine, string Message)
{
    /// <summary>"line 12, spine 3: message".</summary>
    public override string ToString() => Spine > 0 ? $"line {Line}, spine {Spine}: {Message}" : $"line {Line}: {Message}";
}
