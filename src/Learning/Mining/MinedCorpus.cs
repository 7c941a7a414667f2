using EvoComposer.Learning.Corpora;

namespace EvoComposer.Learning.Mining;

/// <summary>A corpus set cut into beats: the pieces that could be used, and the files that could not, with reasons.</summary>
/// <param name="SetName">The corpus set.</param>
/// <param name="Pieces">Mined pieces, in file order.</param>
/// <param name="Problems">Files skipped (unreadable, not four voices, …).</param>
public sealed record MinedCorpus(string SetName, IReadOnlyList<MinedPiece> Pieces, IReadOnlyList<CorpusProblem> Problems)
{
    /// <summary>Cuts the loaded pieces of a set into beats; pieces that do not have four voices are reported.</summary>
    public static MinedCorpus FromLoad(CorpusLoadResult load)
    {
        var pieces = new MinedPiece?[load.Pieces.Count];
        var errors = new string?[load.Pieces.Count];
        Parallel.For(0, pieces.Length, i =>
        {
            var p = load.Pieces[i];
            try { pieces[i] = MinedScores.FromScore(p.Score, p.Source, p.Labels.Key); }
            catch (ArgumentException e) { errors[i] = e.Message; }
        });
        var problems = load.Problems.ToList();
        for (int i = 0; i < pieces.Length; i++)
            if (errors[i] is { } e) problems.Add(new CorpusProblem(load.Pieces[i].Source, e));
        return new MinedCorpus(load.Set.Name, pieces.Where(p => p is not null).ToArray()!, problems);
    }
}
