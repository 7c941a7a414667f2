using EvoComposer.Evolution.Engine;

namespace EvoComposer.Evolution.Composition;

/// <summary>
/// The small built-in harmonic knowledge the initializer and mutations use until the mined models take over:
/// a table of plausible root progressions (by scale degree), the cadence formulas, root inference from
/// diatonic notes, and a voicer that places a triad in four voices close to the previous chord.
/// </summary>
internal static class ChoraleHarmony
{
    private const int V = ChoraleGenome.Voices;

    /// <summary>Relative weights of root progressions, [from degree, to degree] (functional tonality, textbook style).</summary>
    public static readonly double[,] Progression =
    {
        //  I     ii    iii   IV    V     vi    vii°
        { 0.4,  1.0,  0.3,  2.0,  2.0,  1.4,  0.5 }, // I
        { 0.2,  0.3,  0.05, 0.4,  3.0,  0.2,  1.0 }, // ii
        { 0.2,  0.3,  0.1,  1.4,  0.3,  2.0,  0.1 }, // iii
        { 1.4,  0.8,  0.1,  0.3,  2.4,  0.2,  0.6 }, // IV
        { 3.0,  0.05, 0.1,  0.2,  0.4,  1.0,  0.1 }, // V
        { 0.3,  2.0,  0.3,  1.8,  1.0,  0.2,  0.3 }, // vi
        { 3.0,  0.05, 0.2,  0.1,  0.3,  0.3,  0.1 }, // vii°
    };

    /// <summary>log P(to | from) under <see cref="Progression"/>, normalised per row.</summary>
    public static readonly double[,] ProgressionLog = BuildLog();

    private static double[,] BuildLog()
    {
        var log = new double[7, 7];
        for (int a = 0; a < 7; a++)
        {
            double sum = 0;
            for (int b = 0; b < 7; b++) sum += Progression[a, b];
            for (int b = 0; b < 7; b++) log[a, b] = Math.Log(Progression[a, b] / sum);
        }
        return log;
    }

    /// <summary>The root (degree) of the triad that explains most of the main notes of a beat; ties favour the bass as root.</summary>
    public static int InferRoot(KeyScale scale, ReadOnlySpan<sbyte> mainDia, int beat)
    {
        int best = 0, bestScore = int.MinValue;
        int bassDeg = scale.Degree(mainDia[beat * V + 3]);
        for (int r = 0; r < 7; r++)
        {
            int score = 0;
            bool third = false;
            for (int v = 0; v < V; v++)
            {
                int d = KeyScale.Mod(scale.Degree(mainDia[beat * V + v]) - r, 7);
                if (d == 0 || d == 4) score += 3;
                else if (d == 2) { score += 3; third = true; }
                else score -= 4;
            }
            if (third) score += 2;
            if (bassDeg == r) score += 2;
            if (score > bestScore) { bestScore = score; best = r; }
        }
        return best;
    }

    /// <summary>The cadence's two roots (penultimate, final), or null when the cadence does not fix them.</summary>
    public static (int Penultimate, int Final)? CadenceRoots(Theory.Analysis.CadenceKind kind, RandomStream random) => kind switch
    {
        Theory.Analysis.CadenceKind.PerfectAuthentic or Theory.Analysis.CadenceKind.ImperfectAuthentic => (4, 0),
        Theory.Analysis.CadenceKind.Half => (random.NextWeighted([2.0, 1.0, 0, 1.5, 0, 0.5, 0]), 4),
        Theory.Analysis.CadenceKind.PhrygianHalf => (3, 4),
        Theory.Analysis.CadenceKind.Plagal => (3, 0),
        Theory.Analysis.CadenceKind.Deceptive => (4, 5),
        _ => null,
    };

    /// <summary>Draws the next root after <paramref name="from"/> (−1: start) that contains <paramref name="mustContainDia"/> (−1: any).</summary>
    public static int NextRoot(KeyScale scale, int from, int mustContainDia, RandomStream random, int avoid = -1)
    {
        Span<double> w = stackalloc double[7];
        for (int r = 0; r < 7; r++)
        {
            w[r] = from < 0 ? (r == 0 ? 3 : r is 3 or 4 or 5 ? 1 : 0.2) : Progression[from, r];
            if (mustContainDia >= 0 && !scale.InTriad(r, mustContainDia)) w[r] = 0;
            if (r == avoid) w[r] *= 0.1;
            if (scale.Minor && r == 2) w[r] *= 0.3; // III+ with a raised leading note is rare
        }
        double total = 0;
        foreach (double x in w) total += x;
        if (total <= 0)
        {
            // The required note fits no weighted root: any triad containing it.
            for (int r = 0; r < 7; r++) w[r] = mustContainDia < 0 || scale.InTriad(r, mustContainDia) ? 1 : 0;
        }
        return random.NextWeighted(w);
    }

    /// <summary>
    /// Voices a triad on <paramref name="root"/> at <paramref name="beat"/>: the bass on the root (or, when
    /// <paramref name="allowInversion"/> and by chance, the third), upper voices on chord tones as close as possible
    /// to the previous beat, complete, spaced and uncrossed. A fixed soprano is kept. Writes main notes only.
    /// </summary>
    public static void Voice(GenomeEditor e, int beat, int root, bool allowInversion, RandomStream random)
    {
        var scale = e.Plan.Scale;
        bool fixedSoprano = e.Plan.Melody is not null;
        bool hasPrev = beat > 0;
        Span<int> prev = stackalloc int[V];
        for (int v = 0; v < V; v++) prev[v] = hasPrev ? e.Midi(beat - 1, v) : (KeyScale.Ranges[v].Low + KeyScale.Ranges[v].High) / 2;

        // Bass.
        Span<int> buf = stackalloc int[16];
        int bassDegree = allowInversion && random.NextBool(0.2) ? KeyScale.Mod(root + 2, 7) : root;
        if (scale.Minor && root == 4 && bassDegree != root) bassDegree = root; // no leading note in the bass
        var (bl, bh) = KeyScale.Ranges[3];
        int nb = scale.Members(root, bl, bh, buf);
        int bass = -1, bestCost = int.MaxValue;
        for (int i = 0; i < nb; i++)
        {
            if (scale.Degree(buf[i]) != bassDegree) continue;
            int m = KeyScale.Midi(buf[i], scale.Alter(buf[i], root));
            int cost = Math.Abs(m - prev[3]) * 4 + random.NextInt(10) + (m > 55 ? 6 : 0);
            if (cost < bestCost) { bestCost = cost; bass = buf[i]; }
        }
        if (bass < 0) bass = buf[0];
        int bassMidi = KeyScale.Midi(bass, scale.Alter(bass, root));
        e.SetMain(beat, 3, bass, scale.Alter(bass, root));

        Span<int> s = stackalloc int[16], a = stackalloc int[16], t = stackalloc int[16];
        int ns, na, nt;
        if (fixedSoprano)
        {
            s[0] = e.MainDia[beat * V];
            ns = 1;
        }
        else ns = scale.Members(root, KeyScale.Ranges[0].Low, KeyScale.Ranges[0].High, s);
        na = scale.Members(root, KeyScale.Ranges[1].Low, KeyScale.Ranges[1].High, a);
        nt = scale.Members(root, KeyScale.Ranges[2].Low, KeyScale.Ranges[2].High, t);
        int bestS = s[0], bestA = a[0], bestT = t[0];
        bestCost = int.MaxValue;
        int bassDeg = scale.Degree(bass);
        for (int i = 0; i < ns; i++)
        {
            int sm = fixedSoprano ? e.Midi(beat, 0) : KeyScale.Midi(s[i], scale.Alter(s[i], root));
            for (int j = 0; j < na; j++)
            {
                int am = KeyScale.Midi(a[j], scale.Alter(a[j], root));
                if (am > sm || sm - am > 12) continue;
                for (int k = 0; k < nt; k++)
                {
                    int tm = KeyScale.Midi(t[k], scale.Alter(t[k], root));
                    if (tm > am || am - tm > 12 || tm < bassMidi || tm - bassMidi > 19) continue;
                    int cost = 0;
                    // Completeness and doubling.
                    int d0 = KeyScale.Mod(scale.Degree(s[i]) - root, 7), d1 = KeyScale.Mod(scale.Degree(a[j]) - root, 7), d2 = KeyScale.Mod(scale.Degree(t[k]) - root, 7);
                    int db = KeyScale.Mod(bassDeg - root, 7);
                    bool hasThird = d0 == 2 || d1 == 2 || d2 == 2 || db == 2;
                    bool hasRoot = d0 == 0 || d1 == 0 || d2 == 0 || db == 0;
                    bool hasFifth = d0 == 4 || d1 == 4 || d2 == 4 || db == 4;
                    if (!hasThird) cost += 40;
                    if (!hasRoot) cost += 40;
                    if (!hasFifth) cost += 6;
                    int leading = 0;
                    if (scale.Degree(s[i]) == 6) leading++;
                    if (scale.Degree(a[j]) == 6) leading++;
                    if (scale.Degree(t[k]) == 6) leading++;
                    if (bassDeg == 6) leading++;
                    if (leading > 1) cost += 30;
                    if (am == sm || tm == am) cost += 8;
                    if (hasPrev)
                    {
                        cost += 2 * (Math.Abs(am - prev[1]) + Math.Abs(tm - prev[2]));
                        if (!fixedSoprano) cost += 3 * Math.Abs(sm - prev[0]);
                        cost += ParallelCost(prev, sm, am, tm, bassMidi);
                    }
                    else cost += Math.Abs(sm - 71) + Math.Abs(am - 64) + Math.Abs(tm - 57);
                    cost += random.NextInt(6);
                    if (cost < bestCost) { bestCost = cost; bestS = s[i]; bestA = a[j]; bestT = t[k]; }
                }
            }
        }
        if (!fixedSoprano) e.SetMain(beat, 0, bestS, scale.Alter(bestS, root));
        e.SetMain(beat, 1, bestA, scale.Alter(bestA, root));
        e.SetMain(beat, 2, bestT, scale.Alter(bestT, root));
    }

    /// <summary>A cost for parallel fifths and octaves between the previous chord and a candidate.</summary>
    private static int ParallelCost(ReadOnlySpan<int> prev, int s, int a, int t, int b)
    {
        Span<int> now = [s, a, t, b];
        int cost = 0;
        for (int x = 0; x < V; x++)
            for (int y = x + 1; y < V; y++)
            {
                int before = KeyScale.Mod(prev[x] - prev[y], 12), after = KeyScale.Mod(now[x] - now[y], 12);
                if ((before == 7 && after == 7) || (before == 0 && after == 0))
                    if (prev[x] != now[x] && prev[y] != now[y]) cost += 60;
            }
        return cost;
    }

    /// <summary>Adds passing notes where a voice moves by a third, with the given probability per place.</summary>
    public static void AddPassingNotes(GenomeEditor e, double probability, RandomStream random)
    {
        var plan = e.Plan;
        for (int b = 0; b + 1 < plan.Beats; b++)
        {
            if (plan.IsCadenceChord[b] || plan.IsHold[b]) continue;
            for (int v = 0; v < V; v++)
            {
                if (v == 0 && plan.Melody is not null) continue;
                if (random.NextBool(probability)) TryAddSecond(e, b, v, random);
            }
        }
    }

    /// <summary>Adds a passing note (a third apart) or neighbour note (same note) after the beat's main note; false when neither fits.</summary>
    public static bool TryAddSecond(GenomeEditor e, int beat, int voice, RandomStream random)
    {
        var plan = e.Plan;
        if (beat + 1 >= plan.Beats || plan.IsCadenceChord[beat] || plan.IsHold[beat]) return false;
        int c = beat * V + voice;
        int from = e.MainDia[c], to = e.MainDia[c + V];
        int mid;
        if (Math.Abs(to - from) == 2) mid = (from + to) / 2;
        else if (to == from) mid = from + (random.NextBool() ? 1 : -1);
        else return false;
        int alter = plan.Scale.MelodicAlter(mid, from, e.MainAlt[c], to, e.MainAlt[c + V]);
        int midi = KeyScale.Midi(mid, alter);
        var (low, high) = KeyScale.Ranges[voice];
        if (midi < low - 2 || midi > high + 2) return false;
        e.SetSecond(beat, voice, mid, alter);
        return true;
    }
}
