using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Mining;

/// <summary>Phrase plans for generated pieces: metric positions and phrase ends borrowed from corpus pieces.</summary>
internal static class PhrasePlan
{
    /// <summary>Indices of the pieces of a mode whose measures all have <paramref name="beatsPerMeasure"/> beats.</summary>
    /// <exception cref="InvalidOperationException">There are none.</exception>
    public static int[] Templates(IReadOnlyList<MinedPiece> pieces, Mode mode, int beatsPerMeasure)
    {
        var templates = Enumerable.Range(0, pieces.Count)
            .Where(p => pieces[p].Mode == mode && pieces[p].BeatsPerMeasure.All(x => x == beatsPerMeasure))
            .ToArray();
        if (templates.Length == 0) throw new InvalidOperationException($"the corpus has no {mode.ToString().ToLowerInvariant()} pieces in {beatsPerMeasure}/4");
        return templates;
    }

    /// <summary>The metric positions and phrase ends of the first <paramref name="phrases"/> phrases of a template (phrases repeat cyclically when it has fewer).</summary>
    public static (int[] Positions, bool[] Ends) From(MinedPiece template, int phrases, Random random)
    {
        var bounds = new List<(int Start, int End)>();
        int s = 0;
        for (int i = 0; i < template.Length; i++)
            if (template.PhraseEnds[i]) { bounds.Add((s, i)); s = i + 1; }
        var positions = new List<int>();
        var ends = new List<bool>();
        for (int k = 0; k < phrases; k++)
        {
            // The first phrase is the template's; later ones continue it, or are drawn from it at random when it runs out
            // and their start fits the metric position reached.
            (int Start, int End) phrase = k < bounds.Count ? bounds[k] : bounds[random.Next(bounds.Count)];
            if (k >= bounds.Count && positions.Count > 0)
            {
                int want = (positions[^1] + 1) % template.BeatsPerMeasure[0];
                var fitting = bounds.Where(b => template.BeatInMeasure[b.Start] == want).ToList();
                if (fitting.Count > 0) phrase = fitting[random.Next(fitting.Count)];
            }
            for (int i = phrase.Start; i <= phrase.End; i++)
            {
                positions.Add(positions.Count == 0 ? template.BeatInMeasure[i] : (positions[^1] + 1) % template.BeatsPerMeasure[0]);
                ends.Add(i == phrase.End);
            }
        }
        return (positions.ToArray(), ends.ToArray());
    }

}
