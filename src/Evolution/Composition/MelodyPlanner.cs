using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Evolution.Composition;

/// <summary>
/// Makes the plan of a harmonization from a melody: key (declared, else estimated), meter, pickup, phrases ending
/// at fermatas (every two measures when there are none), the cadence suited to where the melody ends each phrase,
/// and the melody itself on the beat grid (a note per beat and one per half beat; shorter notes are heard at the
/// grid points only, while the original part is kept for output).
/// </summary>
public static class MelodyPlanner
{
    /// <summary>Plans the harmonization of the top part of <paramref name="score"/>.</summary>
    /// <param name="score">The melody (its first part is used).</param>
    /// <param name="key">A key to use instead of the declared or estimated one.</param>
    /// <exception cref="ArgumentException">No notes, a compound meter, a rest inside the melody, or a note outside octaves 1–7; the message says where.</exception>
    public static PhrasePlan Plan(Score score, Key? key = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        if (score.Parts.IsEmpty || score.Parts[0].Notes.IsEmpty) throw new ArgumentException("The melody has no notes.");
        var part = score.Parts[0];
        var meter = score.Meter;
        if (meter.IsCompound) throw new ArgumentException($"Compound meters such as {meter} are not supported yet.");
        var beatLength = meter.BeatLength;
        var half = beatLength / 2;
        var notes = part.Notes;
        var start = notes[0].Onset;
        var end = notes[^1].End;
        int beats = (int)((end - start) / beatLength).Floor();
        if ((end - start) / beatLength != beats) beats++;
        if (beats < 2) throw new ArgumentException("The melody is shorter than two beats.");

        var main = new Pitch[beats];
        var second = new Pitch?[beats];
        var tied = new bool[beats];
        var fermataAt = new bool[beats];
        int cursor = 0;
        int NoteAt(Rational t)
        {
            while (cursor < notes.Length && notes[cursor].End <= t) cursor++;
            int i = cursor;
            while (i + 1 < notes.Length && notes[i + 1].Onset <= t) i++;
            return i < notes.Length && notes[i].Onset <= t && notes[i].End > t ? i : -1;
        }
        int previous = -1;
        for (int b = 0; b < beats; b++)
        {
            var t = start + beatLength * b;
            int i = NoteAt(t);
            if (i < 0)
            {
                if (previous < 0) throw new ArgumentException($"The melody has a rest at quarter {t.ToDecimalString()}; rests are not supported.");
                i = previous; // a rest inside the melody: keep the previous note sounding
            }
            main[b] = notes[i].Pitch;
            tied[b] = b > 0 && (i == previous) && main[b] == (second[b - 1] ?? main[b - 1]);
            fermataAt[b] = notes[i].Fermata && (!tied[b] || (b > 0 && !fermataAt[b - 1]));
            int j = NoteAt(t + half);
            if (j >= 0 && j != i && notes[j].Onset > t) second[b] = notes[j].Pitch;
            previous = j >= 0 ? j : i;
        }
        for (int b = 0; b < beats; b++)
            if (main[b].Octave < 1 || main[b].Octave > 7 || second[b] is { Octave: < 1 or > 7 })
                throw new ArgumentException($"The melody note at beat {b + 1} is outside the octaves a chorale uses.");

        var chosenKey = key ?? score.Key ?? KeyEstimator.Global(SliceGrid.FromScore(score.WithParts([part])), null, score.KeySignature.Fifths);
        var scale = new KeyScale(chosenKey);

        // Phrase ends: the first beat of each fermata note; the chord lasts while that note does.
        var phrases = new List<PlannedPhrase>();
        int phraseStart = 0;
        for (int b = 0; b < beats; b++)
        {
            bool endHere = fermataAt[b] && b - phraseStart >= 1;
            bool last = b == beats - 1;
            if (!endHere && !last) continue;
            int cadenceBeat = b;
            int finalBeats = 1;
            while (cadenceBeat + finalBeats < beats && tied[cadenceBeat + finalBeats] && second[cadenceBeat + finalBeats - 1] is null && second[cadenceBeat + finalBeats] is null) finalBeats++;
            if (last && !endHere)
            {
                // No fermata at the end: the last note is the final chord.
                cadenceBeat = b;
                while (cadenceBeat > phraseStart + 1 && tied[cadenceBeat]) cadenceBeat--;
                finalBeats = beats - cadenceBeat;
            }
            int phraseEnd = cadenceBeat + finalBeats;
            if (phraseEnd - phraseStart < finalBeats + 1) continue;
            bool isLast = phraseEnd >= beats;
            phrases.Add(new PlannedPhrase(phraseEnd - phraseStart, CadenceFor(scale, main[cadenceBeat], isLast), finalBeats));
            phraseStart = phraseEnd;
            b = phraseEnd - 1;
        }
        if (phraseStart < beats)
        {
            // A tail without a cadence of its own joins the last phrase.
            int extra = beats - phraseStart;
            if (phrases.Count == 0) phrases.Add(new PlannedPhrase(beats, CadenceKind.None, 1));
            else phrases[^1] = phrases[^1] with { Beats = phrases[^1].Beats + extra, FinalChordBeats = phrases[^1].FinalChordBeats + extra };
        }
        // Without fermatas, cut the melody into two-measure phrases without planned cadences except the last.
        if (phrases.Count == 1 && !fermataAt.Any(f => f) && beats > 4 * meter.BeatsPerMeasure)
        {
            var cut = new List<PlannedPhrase>();
            int size = 2 * meter.BeatsPerMeasure, b0 = 0;
            while (beats - b0 > size + 2)
            {
                cut.Add(new PlannedPhrase(size, CadenceKind.None, 1));
                b0 += size;
            }
            cut.Add(phrases[0] with { Beats = beats - b0 });
            phrases = cut;
        }

        int pickupBeats = 0;
        if (!score.Measures.IsEmpty && score.Measures[0].Duration < meter.MeasureLength)
            pickupBeats = (int)(score.Measures[0].Duration / beatLength).Floor();
        if (pickupBeats >= meter.BeatsPerMeasure) pickupBeats = 0;
        var original = start == Rational.Zero ? part : part.WithNotes(part.Notes.Select(n => n with { Onset = n.Onset - start }));
        var melody = new FixedMelody(main, second, tied, original);
        return new PhrasePlan(chosenKey, meter, phrases, pickupBeats, melody);
    }

    private static CadenceKind CadenceFor(KeyScale scale, Pitch soprano, bool last)
    {
        int degree = scale.Degree(soprano.DiatonicIndex);
        return degree switch
        {
            0 => last ? CadenceKind.PerfectAuthentic : CadenceKind.ImperfectAuthentic,
            2 => last ? CadenceKind.ImperfectAuthentic : CadenceKind.ImperfectAuthentic,
            1 or 4 or 6 => CadenceKind.Half,
            _ => CadenceKind.None,
        };
    }
}
