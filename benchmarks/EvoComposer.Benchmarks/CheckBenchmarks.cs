using BenchmarkDotNet.Attributes;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Corpora;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Benchmarks;

/// <summary>
/// The rule catalogue's speed: parse and check all 370 chorales with every four-part rule on one core (the
/// <c>check DIR</c> path, goal under 0.5 s; music21 needs about 15 s for its pairwise checks alone), and the
/// GA's inner loop: every rule on one chorale's prepared slice grid (goal about 20 µs), with and without the
/// harmonic analysis (keys, chords, non-chord tones, cadences) that the harmony rules need.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private string[] _files = [];
    private RuleSet _all = RuleSet.Defaults;
    private SliceGrid _grid = null!;
    private HarmonicAnalysis _analysis = null!;
    private Theory.Music.Score _score = null!;
    private readonly List<Violation> _buffer = [];
    private Theory.Music.Score[] _scores = [];

    /// <summary>Finds the corpus and prepares one 16-bar chorale (chor001, BWV 269).</summary>
    [GlobalSetup]
    public void Setup()
    {
        string root = CorpusLocator.Require();
        _files = [.. Directory.GetFiles(Path.Combine(root, "bach-370-chorales", "kern"), "*.krn").Order(StringComparer.Ordinal)];
        _all = new RuleSet("all four-part rules", "", RuleCatalogue.All.Select(r => r.Family == RuleFamily.Chorale ? RuleSettings.Default(r) : RuleSettings.Default(r).With(enabled: false)));
        _scores = [.. _files.Select(ScoreFiles.Read)];
        _score = _scores[0];
        _grid = SliceGrid.FromScore(_score);
        _analysis = HarmonicAnalysis.Analyze(_grid, _score.Key, _score.KeySignature.Fifths);
    }

    /// <summary>Parse + grid + analysis + every four-part rule with messages, all 370 chorales, sequentially.</summary>
    [Benchmark]
    public int ParseAndCheckAll370()
    {
        int total = 0;
        foreach (var f in _files) total += RuleChecker.Check(ScoreFiles.Read(f), _all).Violations.Length;
        return total;
    }

    /// <summary>Grid + analysis + every four-part rule with messages on the 370 chorales already parsed: the rules' share of the above.</summary>
    [Benchmark]
    public int CheckAll370Parsed()
    {
        int total = 0;
        foreach (var s in _scores) total += RuleChecker.Check(s, _all).Violations.Length;
        return total;
    }

    /// <summary>Every four-part rule on one chorale's grid with its analysis prepared, no messages (the GA's fitness).</summary>
    [Benchmark]
    public double AllRulesOnOneChoraleGrid() =>
        RuleChecker.Run(new RuleContext(_grid, _analysis, explain: false), _all, _buffer);

    /// <summary>Every four-part rule on the prepared grid and analysis in a count-only context (what the GA's rule terms run).</summary>
    [Benchmark]
    public double AllRulesOnOneChoraleGrid_CountOnly() =>
        RuleChecker.Run(new RuleContext(_grid, _analysis, explain: false, null, 0, countOnly: true), _all, _buffer);

    /// <summary>As above, but computing the harmonic analysis too (what a fresh candidate costs).</summary>
    [Benchmark]
    public double AnalysisAndAllRulesOnOneChoraleGrid() =>
        RuleChecker.Run(new RuleContext(_grid, null, explain: false, _score.Key, _score.KeySignature.Fifths), _all, _buffer);

    /// <summary>The harmonic analysis alone: keys, chords, non-chord tones, cadences.</summary>
    [Benchmark]
    public int AnalyzeOneChorale() => HarmonicAnalysis.Analyze(_grid, _score.Key, _score.KeySignature.Fifths).Cadences.Length;

    /// <summary>Key estimation alone.</summary>
    [Benchmark]
    public int KeysOfOneChorale() => KeyEstimator.PerSlice(_grid, _score.Key, _score.KeySignature.Fifths).Length;

    /// <summary>Building the grid from a score.</summary>
    [Benchmark]
    public int BuildGrid() => SliceGrid.FromScore(_score).SliceCount;
}
