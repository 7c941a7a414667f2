namespace EvoComposer.Theory.Music;

/// <summary>A diatonic step (note letter). The numeric value is the position in the C-major scale.</summary>
public enum Step
{
    /// <summary>C</summary>
    C = 0,
    /// <summary>D</summary>
    D = 1,
    /// <summary>E</summary>
    E = 2,
    /// <summary>F</summary>
    F = 3,
    /// <summary>G</summary>
    G = 4,
    /// <summary>A</summary>
    A = 5,
    /// <summary>B</summary>
    B = 6,
}

/// <summary>Helpers for <see cref="Step"/>.</summary>
public static class Steps
{
    private static readonly int[] Semitones = [0, 2, 4, 5, 7, 9, 11];

    /// <summary>Semitones above C of the natural step (C=0, D=2, … B=11).</summary>
    public static int NaturalSemitones(this Step step) => Semitones[(int)step];

    /// <summary>The step <paramref name="count"/> diatonic steps above (negative: below), wrapping around.</summary>
    public static Step Add(this Step step, int count) => (Step)((((int)step + count) % 7 + 7) % 7);

    /// <summary>Parses a letter A–G (either case).</summary>
    public static bool TryParse(char letter, out Step step)
    {
        int i = "CDEFGAB".IndexOf(char.ToUpperInvariant(letter));
        step = i < 0 ? Step.C : (Step)i;
        return i >= 0;
    }

    /// <summary>Alteration text: "#", "##", "b", "bb", or "" for natural.</summary>
    public static string AlterText(int alter) => alter switch
    {
        0 => "",
        > 0 => new string('#', alter),
        _ => new string('b', -alter),
    };
}
