using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition;

/// <summary>
/// Diatonic arithmetic in one key: degrees (0 = tonic … 6 = leading note), the alteration each letter takes,
/// the raised sixth and seventh of minor, MIDI numbers of (diatonic index, alteration) pairs, and voice ranges.
/// </summary>
internal sealed class KeyScale
{
    private readonly int[] _stepAlter = new int[7];
    private static readonly int[] Natural = [0, 2, 4, 5, 7, 9, 11];

    /// <summary>Lowest and highest MIDI number of soprano, alto, tenor and bass.</summary>
    public static readonly (int Low, int High)[] Ranges = [(60, 79), (55, 74), (48, 67), (40, 62)];

    public KeyScale(Key key)
    {
        Key = key;
        TonicStep = (int)key.Tonic;
        Minor = key.Mode == Mode.Minor;
        var sig = key.Signature;
        for (int s = 0; s < 7; s++) _stepAlter[s] = sig.AlterOf((Step)s);
    }

    public Key Key { get; }
    public int TonicStep { get; }
    public bool Minor { get; }

    public static int Mod(int a, int m) => ((a % m) + m) % m;

    /// <summary>Scale degree 0–6 of a diatonic index.</summary>
    public int Degree(int diatonic) => Mod(diatonic - TonicStep, 7);

    /// <summary>
    /// The alteration of a note of the given degree within a chord on <paramref name="chordRoot"/> (a degree, or −1
    /// when unknown): the key signature's, with the leading note raised in minor in V and vii°.
    /// </summary>
    public int Alter(int diatonic, int chordRoot)
    {
        int a = _stepAlter[Mod(diatonic, 7)];
        if (Minor && Degree(diatonic) == 6 && (chordRoot == 4 || chordRoot == 6)) a++;
        return a;
    }

    /// <summary>The signature's alteration of a diatonic index.</summary>
    public int SignatureAlter(int diatonic) => _stepAlter[Mod(diatonic, 7)];

    /// <summary>The alteration of a melodic note between two others (melodic minor upward).</summary>
    public int MelodicAlter(int diatonic, int fromDiatonic, int fromAlter, int toDiatonic, int toAlter)
    {
        int a = _stepAlter[Mod(diatonic, 7)];
        if (!Minor) return a;
        int deg = Degree(diatonic);
        // Raise the seventh on its way to the tonic; raise the sixth when it leads to a raised seventh or comes from one.
        if (deg == 6 && Degree(toDiatonic) == 0 && toDiatonic > diatonic) return a + 1;
        if (deg == 5 && toDiatonic == diatonic + 1 && toAlter > SignatureAlter(toDiatonic)) return a + 1;
        if (deg == 5 && fromDiatonic == diatonic + 1 && fromAlter > SignatureAlter(fromDiatonic) && toDiatonic > diatonic) return a + 1;
        if (deg == 6 && fromDiatonic == diatonic - 1 && Degree(fromDiatonic) == 5 && fromAlter > SignatureAlter(fromDiatonic)) return a + 1;
        return a;
    }

    /// <summary>MIDI number of a diatonic index with an alteration.</summary>
    public static int Midi(int diatonic, int alter)
    {
        int octave = diatonic >= 0 ? diatonic / 7 : (diatonic - 6) / 7;
        return (octave + 1) * 12 + Natural[diatonic - octave * 7] + alter;
    }

    /// <summary>True when a chord on <paramref name="root"/> (a degree) contains the degree of <paramref name="diatonic"/> as root, third or fifth.</summary>
    public bool InTriad(int root, int diatonic)
    {
        int d = Mod(Degree(diatonic) - root, 7);
        return d == 0 || d == 2 || d == 4;
    }

    /// <summary>The diatonic indices of the triad on <paramref name="root"/> within a MIDI range.</summary>
    public int Members(int root, int lowMidi, int highMidi, Span<int> result)
    {
        int count = 0;
        int lowDia = (lowMidi / 12 - 1) * 7 - 1;
        for (int d = lowDia; count < result.Length; d++)
        {
            int m = Midi(d, Alter(d, root));
            if (m > highMidi) break;
            if (m >= lowMidi && InTriad(root, d)) result[count++] = d;
        }
        return count;
    }
}
