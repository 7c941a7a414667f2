using EvoComposer.Learning.Markov;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Mining;

/// <summary>
/// The melodic Markov model, one per voice and mode: each note or rest is a symbol (the interval in semitones from
/// the voice's previous pitch, ±24, with codes for "first note", "leap beyond two octaves" and "rest"; times its
/// length in 16ths, 1–16), predicted from up to three previous symbols and conditioned on where it starts in the
/// measure (in 16ths) and the measure's length. Interpolated Kneser–Ney with back-off to the metric position alone.
/// Immutable and thread-safe.
/// </summary>
public sealed class MelodicModel
{
    /// <summary>Context levels: metric position plus up to three previous notes (order 4).</summary>
    public const int Levels = 4;
    private const int IntervalCodes = 52, FirstNote = 49, WideLeap = 50, Rest = 51, MaxLength = 16;
    private const int Vocabulary = IntervalCodes * MaxLength;
    private readonly BackoffModel[] _models; // [mode * 4 + voice]

    private MelodicModel(BackoffModel[] models) => _models = models;

    /// <summary>Fits the model on mined pieces.</summary>
    public static MelodicModel Fit(IEnumerable<MinedPiece> pieces)
    {
        var builders = Enumerable.Range(0, 8).Select(_ => new BackoffModelBuilder(Levels, Vocabulary)).ToArray();
        Span<ulong> contexts = stackalloc ulong[Levels];
        foreach (var p in pieces)
            for (int v = 0; v < 4; v++)
            {
                var events = NoteEvents.Extract(p.Beats, v);
                var symbols = Symbols(events);
                for (int i = 0; i < events.Count; i++)
                {
                    Contexts(symbols, i, p, events[i].Start, contexts);
                    builders[(int)p.Mode * 4 + v].Add(contexts, symbols[i]);
                }
            }
        return new MelodicModel(builders.Select(b => b.Build(Smoothing.KneserNey)).ToArray());
    }

    /// <summary>The symbol of each note: interval code × 16 + length − 1.</summary>
    internal static int[] Symbols(List<NoteEvent> events)
    {
        var symbols = new int[events.Count];
        int previous = 0;
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            int code = e.Pitch == 0 ? Rest : previous == 0 ? FirstNote : Math.Abs(e.Pitch - previous) > 24 ? WideLeap : e.Pitch - previous + 24;
            symbols[i] = code * MaxLength + Math.Min(e.Length, MaxLength) - 1;
            if (e.Pitch != 0) previous = e.Pitch;
        }
        return symbols;
    }

    private static void Contexts(int[] symbols, int i, MinedPiece piece, int start, Span<ulong> into)
    {
        int beat = Math.Min(start / 4, piece.Length - 1);
        ulong k = ContextHash.Mix(ContextHash.Empty, piece.BeatsPerMeasure[beat], piece.BeatInMeasure[beat] * 4 + start % 4);
        into[0] = k;
        for (int h = 1; h < into.Length; h++)
        {
            k = ContextHash.Mix(k, i - h >= 0 ? symbols[i - h] : -1);
            into[h] = k;
        }
    }

    private readonly long _owner = ExactMemo.NewOwner();

    /// <summary>
    /// The log-probability of note <paramref name="i"/> (starting at 16th <paramref name="start"/>) under model
    /// <paramref name="model"/> ([mode * 4 + voice]), remembered in <see cref="ExactMemo"/> under the exact inputs
    /// the context keys are made from (symbols are below 2^10, so each fits a 16-bit field).
    /// </summary>
    private double LogProbability(int model, int[] symbols, int i, MinedPiece piece, int start, Span<ulong> contexts)
    {
        for (int h = 0; h < Levels; h++)
            if (i - h >= 0 && (uint)symbols[i - h] >= 0xFFFF)
            {
                // Not a symbol this model makes (the memo's fields would not hold it): no memo.
                Contexts(symbols, i, piece, start, contexts);
                return _models[model].LogProbability(contexts, symbols[i]);
            }
        int beat = Math.Min(start / 4, piece.Length - 1);
        ulong a = (ulong)(uint)piece.BeatsPerMeasure[beat] << 32 | (uint)(piece.BeatInMeasure[beat] * 4 + start % 4);
        ulong b = (ulong)(uint)symbols[i] << 48;
        for (int h = 1; h < Levels; h++) b |= (ulong)(uint)(i - h >= 0 ? symbols[i - h] + 1 : 0) << (16 * (h - 1));
        ulong c = (ulong)_owner << 8 | (uint)model;
        if (ExactMemo.TryGet(a, b, c, out double known)) return known;
        Contexts(symbols, i, piece, start, contexts);
        return ExactMemo.Remember(a, b, c, Math.Log(_models[model].Probability(contexts, symbols[i])));
    }

    /// <summary>
    /// The log-probability of the notes of each voice, summed per beat (a note counts in the beat where it starts);
    /// <paramref name="perBeat"/> receives one value per beat and is added to.
    /// </summary>
    public void AddLogProbabilities(MinedPiece piece, Span<double> perBeat)
    {
        if (perBeat.Length != piece.Length) throw new ArgumentException("One slot per beat.", nameof(perBeat));
        Span<ulong> contexts = stackalloc ulong[Levels];
        for (int v = 0; v < 4; v++)
        {
            var events = NoteEvents.Extract(piece.Beats, v);
            var symbols = Symbols(events);
            for (int i = 0; i < events.Count; i++)
                perBeat[events[i].Start / 4] += LogProbability((int)piece.Mode * 4 + v, symbols, i, piece, events[i].Start, contexts);
        }
    }

    /// <summary>The log-probability of one voice's notes given the voice's previous notes and metric position.</summary>
    public double LogProbability(Mode mode, int voice, MinedPiece piece)
    {
        Span<ulong> contexts = stackalloc ulong[Levels];
        var events = NoteEvents.Extract(piece.Beats, voice);
        var symbols = Symbols(events);
        double sum = 0;
        for (int i = 0; i < events.Count; i++)
            sum += LogProbability((int)mode * 4 + voice, symbols, i, piece, events[i].Start, contexts);
        return sum;
    }

    /// <summary>The symbol of a note of <paramref name="length"/> 16ths at <paramref name="pitch"/> after <paramref name="previousPitch"/> (0: none).</summary>
    internal static int Symbol(int previousPitch, int pitch, int length)
    {
        int code = pitch == 0 ? Rest : previousPitch == 0 ? FirstNote : Math.Abs(pitch - previousPitch) > 24 ? WideLeap : pitch - previousPitch + 24;
        return code * MaxLength + Math.Clamp(length, 1, MaxLength) - 1;
    }

    /// <summary>
    /// P(next note = symbol) of a voice given its previous symbols (most recent first, up to three) and where the
    /// note starts (16th in the measure).
    /// </summary>
    internal double Probability(Mode mode, int voice, ReadOnlySpan<int> previousSymbols, int beatsPerMeasure, int sixteenthInMeasure, int symbol)
    {
        Span<ulong> contexts = stackalloc ulong[Levels];
        NextNoteContexts(previousSymbols, beatsPerMeasure, sixteenthInMeasure, contexts);
        return _models[(int)mode * 4 + voice].Probability(contexts, symbol);
    }

    /// <summary><see cref="Probability"/> of each of <paramref name="symbols"/> in the same context, into <paramref name="probabilities"/> (bit for bit the same, one context walk).</summary>
    internal void Probabilities(Mode mode, int voice, ReadOnlySpan<int> previousSymbols, int beatsPerMeasure, int sixteenthInMeasure, ReadOnlySpan<int> symbols, Span<double> probabilities)
    {
        Span<ulong> contexts = stackalloc ulong[Levels];
        NextNoteContexts(previousSymbols, beatsPerMeasure, sixteenthInMeasure, contexts);
        _models[(int)mode * 4 + voice].Probabilities(contexts, symbols, probabilities);
    }

    private static void NextNoteContexts(ReadOnlySpan<int> previousSymbols, int beatsPerMeasure, int sixteenthInMeasure, Span<ulong> contexts)
    {
        ulong k = ContextHash.Mix(ContextHash.Empty, beatsPerMeasure, sixteenthInMeasure);
        contexts[0] = k;
        for (int h = 1; h < Levels; h++)
        {
            k = ContextHash.Mix(k, h - 1 < previousSymbols.Length ? previousSymbols[h - 1] : -1);
            contexts[h] = k;
        }
    }

    /// <summary>
    /// Draws the next note of a voice after its previous notes' symbols (most recent first, up to three) at a 16th
    /// of the measure: the move in semitones from the previous pitch (null for a first note, a leap beyond two
    /// octaves, or a rest — see <paramref name="isRest"/>) and the length in 16ths.
    /// </summary>
    public (int? Semitones, int Length) SampleNote(Mode mode, int voice, ReadOnlySpan<int> previousSymbols, int beatsPerMeasure, int sixteenthInMeasure, Random random, out bool isRest)
    {
        Span<ulong> contexts = stackalloc ulong[Levels];
        ulong k = ContextHash.Mix(ContextHash.Empty, beatsPerMeasure, sixteenthInMeasure);
        contexts[0] = k;
        for (int h = 1; h < Levels; h++)
        {
            k = ContextHash.Mix(k, h - 1 < previousSymbols.Length ? previousSymbols[h - 1] : -1);
            contexts[h] = k;
        }
        int symbol = _models[(int)mode * 4 + voice].Sample(contexts, random);
        int code = symbol / MaxLength, length = symbol % MaxLength + 1;
        isRest = code == Rest;
        return (code < FirstNote ? code - 24 : null, length);
    }

    /// <summary>The underlying back-off model of a voice (0 = soprano) and mode.</summary>
    public BackoffModel ModelOf(Mode mode, int voice) => _models[(int)mode * 4 + voice];

    internal void Write(BinaryWriter w)
    {
        foreach (var m in _models) m.Write(w);
    }

    internal static MelodicModel Read(BinaryReader r) => new(Enumerable.Range(0, 8).Select(_ => BackoffModel.Read(r)).ToArray());
}
