using System.Collections.Immutable;

namespace EvoComposer.Theory.Formats.Midi.Core;

/// <summary>
/// A system exclusive event: a normal one (<c>F0</c>) or an escape (<c>F7</c>, also used for the continuation
/// packets of a divided message). <see cref="Data"/> holds the bytes after the length, exactly as stored
/// (for a normal message usually ending with <c>F7</c>).
/// </summary>
public abstract record SysExEvent : MidiEvent
{
    /// <summary>Creates the event.</summary>
    protected SysExEvent(ImmutableArray<byte> data) => Data = data.IsDefault ? [] : data;

    /// <summary>The bytes after the length.</summary>
    public ImmutableArray<byte> Data { get; }

    /// <summary>Compares the delta time and the bytes.</summary>
    public virtual bool Equals(SysExEvent? other) =>
        other is not null && other.GetType() == GetType() && DeltaTime == other.DeltaTime && Data.AsSpan().SequenceEqual(other.Data.AsSpan());

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(GetType(), DeltaTime, Data.Length);
}

/// <summary>A system exclusive message (<c>F0</c> length bytes).</summary>
public sealed record NormalSysExEvent : SysExEvent
{
    /// <summary>Creates the event.</summary>
    public NormalSysExEvent(ImmutableArray<byte> data) : base(data) { }
}

/// <summary>An escape (<c>F7</c> length bytes): arbitrary bytes to send, or the continuation of a divided SysEx.</summary>
public sealed record EscapeSysExEvent : SysExEvent
{
    /// <summary>Creates the event.</summary>
    public EscapeSysExEvent(ImmutableArray<byte> data) : base(data) { }
}
