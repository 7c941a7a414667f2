namespace EvoComposer.Learning.Markov.Jsb;

/// <summary>
/// A factorised model of 16th-note frames: P(frame) = Π over voices (soprano, alto, tenor, bass, in that order)
/// of P(pitch of the voice | its context). A voice's pitch is predicted as a step from its previous pitch (an
/// absolute pitch after a rest or for leaps beyond ±64), or silence. Its context, from general to specific:
/// voice and position in the beat; how long the previous pitch has been held; the voice just above in this frame;
/// all voices already chosen in this frame; the previous frame's other voices; the voice's previous distinct
/// pitch; its absolute pitch and the position in a 4/4 bar. All pitches in contexts are relative to the voice's
/// previous pitch, so statistics are shared across keys. The vocabulary has 257 symbols; a symbol that cannot
/// occur in a context (an absolute pitch after a sounding note that is near) still gets smoothing mass, which only
/// makes the reported likelihood pessimistic. Immutable and thread-safe once fitted.
/// </summary>
public sealed class JsbFrameModel
{
    /// <summary>Context levels of the full model.</summary>
    public const int MaxLevels = 7;
    private const int Vocabulary = 257, Silence = 256;
    private readonly BackoffModel _model;

    private JsbFrameModel(BackoffModel model) => _model = model;

    /// <summary>The smoothing in use.</summary>
    public Smoothing Smoothing => _model.Smoothing;

    /// <summary>Fits the model on chorales (arrays of four-pitch frames).</summary>
    public static JsbFrameModel Fit(IEnumerable<int[][]> chorales)
    {
        var builder = new BackoffModelBuilder(MaxLevels, Vocabulary);
        Span<ulong> contexts = stackalloc ulong[MaxLevels];
        foreach (var chorale in chorales)
        {
            var features = new SequenceFeatures(chorale);
            for (int t = 0; t < chorale.Length; t++)
                for (int v = 0; v < 4; v++)
                {
                    features.Contexts(t, v, contexts);
                    builder.Add(contexts, Symbol(features.Previous(t, v), chorale[t][v]));
                }
        }
        return new JsbFrameModel(builder.Build());
    }

    /// <summary>The same counts under another smoothing.</summary>
    public JsbFrameModel WithSmoothing(Smoothing smoothing) => new(_model.WithSmoothing(smoothing));

    /// <summary>Total negative log-likelihood in bits of a chorale using the first <paramref name="levels"/> context levels.</summary>
    public double Bits(int[][] chorale, int levels = MaxLevels)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels, MaxLevels);
        var features = new SequenceFeatures(chorale);
        Span<ulong> contexts = stackalloc ulong[MaxLevels];
        double bits = 0;
        for (int t = 0; t < chorale.Length; t++)
            for (int v = 0; v < 4; v++)
            {
                features.Contexts(t, v, contexts);
                bits -= Math.Log2(_model.Probability(contexts[..levels], Symbol(features.Previous(t, v), chorale[t][v])));
            }
        return bits;
    }

    /// <summary>P(pitch of voice <paramref name="voice"/> at frame <paramref name="t"/>) given the frames before and the voices above.</summary>
    public double Probability(int[][] chorale, int t, int voice, int levels = MaxLevels)
    {
        var features = new SequenceFeatures(chorale);
        Span<ulong> contexts = stackalloc ulong[MaxLevels];
        features.Contexts(t, voice, contexts);
        return _model.Probability(contexts[..levels], Symbol(features.Previous(t, voice), chorale[t][voice]));
    }

    private static int Symbol(int previous, int pitch)
    {
        if (pitch < 0) return Silence;
        if (previous >= 0 && pitch - previous is >= -64 and < 64) return pitch - previous + 64;
        return 128 + pitch;
    }

    /// <summary>Per-sequence features: run lengths and previous distinct pitches of each voice.</summary>
    private readonly struct SequenceFeatures
    {
        private readonly int[][] _frames;
        private readonly int[,] _run, _before;

        public SequenceFeatures(int[][] frames)
        {
            _frames = frames;
            _run = new int[frames.Length + 1, 4];
            _before = new int[frames.Length + 1, 4];
            for (int v = 0; v < 4; v++)
            {
                int run = 0, before = -1;
                for (int t = 0; t < frames.Length; t++)
                {
                    // Features of the state before frame t+1, i.e. after frame t.
                    if (t > 0 && frames[t][v] == frames[t - 1][v]) run++;
                    else
                    {
                        if (t > 0) before = frames[t - 1][v];
                        run = 1;
                    }
                    _run[t + 1, v] = run;
                    _before[t + 1, v] = before;
                }
            }
        }

        public int Previous(int t, int v) => t == 0 ? -1 : _frames[t - 1][v];

        public void Contexts(int t, int v, Span<ulong> into)
        {
            int prev = Previous(t, v);
            int Rel(int pitch) => pitch < 0 ? -200 : prev < 0 ? 300 + pitch : pitch - prev;
            ulong k = ContextHash.Mix(ContextHash.Empty, v, t & 3);
            into[0] = k;
            k = ContextHash.Mix(k, Math.Min(_run[t, v], 16));
            into[1] = k;
            int above = v > 0 ? _frames[t][v - 1] : t > 0 ? _frames[t - 1][3] : -1;
            k = ContextHash.Mix(k, Rel(above));
            into[2] = k;
            for (int u = 0; u < v; u++) k = ContextHash.Mix(k, Rel(_frames[t][u]));
            into[3] = k;
            for (int u = 0; u < 4; u++)
                if (u != v) k = ContextHash.Mix(k, t > 0 ? Rel(_frames[t - 1][u]) : -300);
            into[4] = k;
            k = ContextHash.Mix(k, Rel(_before[t, v]));
            into[5] = k;
            into[6] = ContextHash.Mix(k, prev, t & 15);
        }
    }
}
