using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Analysis;

/// <summary>
/// Identifies the tertian chord that best explains a set of spelled notes: every sounding note is tried as
/// the root; notes a third, fifth or seventh above it (by letter and by semitones) are members, the rest are
/// non-chord tones. The score rewards a present third and fifth and members, and punishes non-members and
/// sevenths; ties go to the candidate whose root is in the bass. Works on the diatonic and MIDI numbers of a
/// <see cref="SliceGrid"/> slice, without allocating.
/// </summary>
public static class ChordIdentifier
{
    /// <summary>Identifies the chord of one slice of a grid; fills <paramref name="members"/> (one per voice).</summary>
    public static Chord Identify(SliceGrid grid, int slice, Span<ChordMember> members) =>
        Identify(grid.Midi.Slice(slice * grid.VoiceCount, grid.VoiceCount), grid.Diatonic.Slice(slice * grid.VoiceCount, grid.VoiceCount), members, out _);

    /// <summary>
    /// Identifies the chord of the given notes (MIDI −1 = silent; voices highest first). Returns the chord and
    /// writes each voice's membership; <paramref name="score"/> says how well it fits (higher is better).
    /// </summary>
    public static Chord Identify(ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic, Span<ChordMember> members, out int score)
    {
        int n = midi.Length;
        Span<byte> pc = n <= 64 ? stackalloc byte[n] : new byte[n];
        Span<byte> step = n <= 64 ? stackalloc byte[n] : new byte[n];
        return Identify(midi, diatonic, members, pc, step, out score);
    }

    /// <summary><see cref="Identify(ReadOnlySpan{int}, ReadOnlySpan{int}, Span{ChordMember}, out int)"/> with scratch space for each voice's pitch class and letter.</summary>
    internal static Chord Identify(ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic, Span<ChordMember> members, Span<byte> pc, Span<byte> step, out int score)
    {
        int n = midi.Length;
        int bass = -1;
        for (int v = n - 1; v >= 0; v--) if (midi[v] >= 0) { bass = v; break; }
        score = int.MinValue;
        if (bass < 0)
        {
            members.Fill(ChordMember.Silent);
            return default;
        }
        // Pitch class and letter of every voice once; intervals between them are then table look-ups.
        for (int v = 0; v < n; v++)
        {
            if (midi[v] < 0) continue;
            pc[v] = (byte)Mod(midi[v], 12);
            step[v] = (byte)Mod(diatonic[v], 7);
        }
        int bestRoot = -1;
        for (int r = 0; r < n; r++)
        {
            if (midi[r] < 0) continue;
            bool seen = false;
            for (int q = 0; q < r; q++)
                if (midi[q] >= 0 && pc[q] == pc[r] && step[q] == step[r]) { seen = true; break; }
            if (seen) continue;
            int s = Score(midi, pc, step, pc[r], step[r], bass);
            if (s > score) { score = s; bestRoot = r; }
        }
        return Build(midi, pc, step, midi[bestRoot], diatonic[bestRoot], bass, members);
    }

    /// <summary>
    /// How many sounding notes are not members of <paramref name="chord"/>; fills <paramref name="members"/>.
    /// Used to keep a chord through passing notes.
    /// </summary>
    public static int Fit(Chord chord, ReadOnlySpan<int> midi, ReadOnlySpan<int> diatonic, Span<ChordMember> members)
    {
        int outside = 0;
        int rootPc = chord.RootPitchClass, rootStep = (int)chord.RootStep, thirdSemis = chord.ThirdSemitones;
        bool seventh = chord.Seventh != SeventhQuality.None;
        for (int v = 0; v < midi.Length; v++)
        {
            if (midi[v] < 0) { members[v] = ChordMember.Silent; continue; }
            int steps = (diatonic[v] - rootStep) % 7, semis = (midi[v] - rootPc) % 12; // as Mod, with one remainder each
            if (steps < 0) steps += 7;
            if (semis < 0) semis += 12;
            var m = Member(steps, semis);
            if (m == ChordMember.Seventh && !seventh) m = ChordMember.NonChordTone;
            if (m == ChordMember.Third && semis != thirdSemis) m = ChordMember.NonChordTone;
            members[v] = m;
            if (m == ChordMember.NonChordTone) outside++;
        }
        return outside;
    }

    internal static int Mod(int a, int m) => ((a % m) + m) % m;

    private static ChordMember Member(int steps, int semis) => MemberTable[steps * 12 + semis];

    /// <summary><see cref="MemberOf"/> for every (steps 0–6, semitones 0–11) above the root.</summary>
    private static readonly ChordMember[] MemberTable = BuildMemberTable();

    private static ChordMember[] BuildMemberTable()
    {
        var table = new ChordMember[7 * 12];
        for (int steps = 0; steps < 7; steps++)
            for (int semis = 0; semis < 12; semis++) table[steps * 12 + semis] = MemberOf(steps, semis);
        return table;
    }

    private static ChordMember MemberOf(int steps, int semis) => steps switch
    {
        0 when semis == 0 => ChordMember.Root,
        2 when semis is 3 or 4 => ChordMember.Third,
        4 when semis is 6 or 7 or 8 => ChordMember.Fifth,
        6 when semis is 9 or 10 or 11 => ChordMember.Seventh,
        _ => ChordMember.NonChordTone,
    };

    private static int Score(ReadOnlySpan<int> midi, ReadOnlySpan<byte> pc, ReadOnlySpan<byte> step, int rootPc, int rootStep, int bass)
    {
        bool third = false, fifth = false, seventh = false;
        int inside = 0, outside = 0, fifthSemis = 7;
        for (int v = 0; v < midi.Length; v++)
        {
            if (midi[v] < 0) continue;
            int semis = pc[v] - rootPc;
            if (semis < 0) semis += 12;
            int steps = step[v] - rootStep;
            if (steps < 0) steps += 7;
            switch (MemberTable[steps * 12 + semis])
            {
                case ChordMember.Root: inside++; break;
                case ChordMember.Third: inside++; third = true; break;
                case ChordMember.Fifth: inside++; fifth = true; fifthSemis = semis; break;
                case ChordMember.Seventh: inside++; seventh = true; break;
                default: outside++; break;
            }
        }
        int s = 3 * inside - 5 * outside + (third ? 4 : 0) + (fifth ? 2 : 0) - (seventh ? 2 : 0);
        if (fifthSemis == 8) s -= 3; // augmented triads are rare
        int bassSemis = pc[bass] - rootPc;
        if (bassSemis < 0) bassSemis += 12;
        int bassSteps = step[bass] - rootStep;
        if (bassSteps < 0) bassSteps += 7;
        var bassMember = MemberTable[bassSteps * 12 + bassSemis];
        if (bassMember == ChordMember.Root) s += 1;
        else if (bassMember == ChordMember.NonChordTone) s -= 3; // the bass is rarely a non-chord tone on its own
        else if (bassMember == ChordMember.Seventh) s -= 1;
        return s;
    }

    private static Chord Build(ReadOnlySpan<int> midi, ReadOnlySpan<byte> pc, ReadOnlySpan<byte> step, int rootMidi, int rootDiatonic, int bass, Span<ChordMember> members)
    {
        int thirdSemis = -1, fifthSemis = -1, seventhSemis = -1;
        int rootPc = Mod(rootMidi, 12), rootStep = Mod(rootDiatonic, 7);
        for (int v = 0; v < midi.Length; v++)
        {
            if (midi[v] < 0) { members[v] = ChordMember.Silent; continue; }
            int semis = pc[v] - rootPc;
            if (semis < 0) semis += 12;
            int steps = step[v] - rootStep;
            if (steps < 0) steps += 7;
            var m = MemberTable[steps * 12 + semis];
            members[v] = m;
            if (m == ChordMember.Third) thirdSemis = semis;
            else if (m == ChordMember.Fifth) fifthSemis = semis;
            else if (m == ChordMember.Seventh) seventhSemis = semis;
        }
        TriadQuality triad = (thirdSemis, fifthSemis) switch
        {
            (3, 6) => TriadQuality.Diminished,
            (4, 8) => TriadQuality.Augmented,
            (3, _) => TriadQuality.Minor,
            (-1, 6) => TriadQuality.Diminished,
            _ => TriadQuality.Major,
        };
        var seventh = seventhSemis switch
        {
            10 => SeventhQuality.Minor,
            11 => SeventhQuality.Major,
            9 => SeventhQuality.Diminished,
            _ => SeventhQuality.None,
        };
        if (seventh == SeventhQuality.Diminished && triad != TriadQuality.Diminished) seventh = SeventhQuality.Minor;
        int inversion = members[bass] switch
        {
            ChordMember.Third => 1,
            ChordMember.Fifth => 2,
            ChordMember.Seventh => 3,
            _ => 0,
        };
        // The root's letter and alteration (as Pitch.FromDiatonicIndex spells it, in integers).
        int octave = rootDiatonic >= 0 ? rootDiatonic / 7 : (rootDiatonic - 6) / 7;
        var rootLetter = (Step)(rootDiatonic - octave * 7);
        int alter = rootMidi - ((octave + 1) * 12 + rootLetter.NaturalSemitones());
        if (Math.Abs(alter) > 2) alter = 0;
        return new Chord(rootLetter, alter, triad, seventh, inversion, thirdSemis >= 0, fifthSemis >= 0);
    }
}
