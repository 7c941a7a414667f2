using BenchmarkDotNet.Attributes;
using EvoComposer.Learning.Corpora;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Recombinancy;
using EvoComposer.Theory.Corpora;
using EvoComposer.Theory.Music;

namespace EvoComposer.Benchmarks;

/// <summary>
/// Mining the 370 kern chorales (read + cut into beats + fit every model + build the lexicon and originality
/// index; goal &lt; 2 s), loading the model file, composing a recombinant chorale (goal &lt; 5 ms; Cope's own
/// program: about 12 ms median under SBCL), measuring its originality, and Markov log-probability calls. Run:
/// <c>dotnet run -c Release --project benchmarks/EvoComposer.Benchmarks -- --filter '*Mining*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class MiningBenchmarks
{
    private CorpusSet _set = null!;
    private string _root = "";
    private ChoraleModels _models = null!;
    private string _modelFile = "";
    private MinedPiece _chorale = null!;
    private GeneratedPiece _recombinant = null!;
    private uint[] _history = [];
    private int _seed;

    /// <summary>Mines once and writes a model file for the load benchmark.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _root = CorpusLocator.Require();
        _set = CorpusManifest.LoadEmbedded().Get("bach-chorales");
        _models = ChoraleModels.Mine(_set, _root);
        _modelFile = Path.Combine(Path.GetTempPath(), "evocomposer-bench.ecm");
        _models.Save(_modelFile);
        _chorale = _models.Pieces[0];
        _recombinant = _models.ComposeRecombinant(Mode.Major, 4, new Random(1));
        _history = [_chorale.Beats[3].Opening, _chorale.Beats[2].Opening, _chorale.Beats[1].Opening, _chorale.Beats[0].Opening];
    }

    /// <summary>Deletes the model file.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_modelFile);

    /// <summary>Read all 370 kern files, cut them into beats, fit every model, build the lexicon and index.</summary>
    [Benchmark]
    public int MineAll370Chorales() => ChoraleModels.Mine(_set, _root).Lexicon.Count;

    /// <summary>Load the model file (what every command does after the first).</summary>
    [Benchmark]
    public int LoadModelFile() => ChoraleModels.Load(_modelFile).Pieces.Count;

    /// <summary>One four-phrase recombinant chorale (a new seed each call).</summary>
    [Benchmark]
    public int ComposeRecombinantChorale() => _models.ComposeRecombinant(Mode.Major, 4, new Random(_seed++)).Length;

    /// <summary>Longest copied span and join share of a 4-phrase piece.</summary>
    [Benchmark]
    public int MeasureOriginality() => _models.MeasureOriginality(_recombinant.Beats).LongestCopiedBeats;

    /// <summary>One harmonic log-probability (order 5, four previous sonorities): the GA's inner call.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public double HarmonicLogProbability()
    {
        double sum = 0;
        for (int i = 0; i < 1000; i++)
            sum += _models.Harmonic.LogProbability(Mode.Major, _history, i & 3, 4, i & 7, _chorale.Beats[4 + (i & 15)].Opening);
        return sum;
    }

    /// <summary>Harmonic and melodic log-probabilities of every beat of a chorale.</summary>
    [Benchmark]
    public double ScoreChoraleBeats() => _models.ScoreBeats(_chorale)[0];
}
