using System.Collections.Immutable;
using System.Globalization;
using EvoComposer.Learning.Corpora;
using EvoComposer.Learning.Mining;
using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Abc;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Style;

/// <summary>How excerpts are cut and sampled for a style task. Validated by <see cref="Validate"/>.</summary>
public sealed record StyleTaskOptions
{
    /// <summary>Measures per excerpt; default 8.</summary>
    public int Measures { get; init; } = 8;
    /// <summary>Measures between excerpt starts; default 4 (excerpts overlap by half).</summary>
    public int Hop { get; init; } = 4;
    /// <summary>Most excerpts taken from one piece (evenly spread over it); default 6.</summary>
    public int MaxExcerptsPerPiece { get; init; } = 6;
    /// <summary>Most pieces per class (a seeded sample when there are more); default 400.</summary>
    public int MaxPiecesPerClass { get; init; } = 400;
    /// <summary>
    /// Describe every excerpt by its top voice alone with <see cref="StyleFeatures.MelodicSchema"/>, so that
    /// polyphonic and melody-only sets are compared on the same footing; default false (all features; melody-only
    /// excerpts then have 0 for multi-voice features).
    /// </summary>
    public bool Melodic { get; init; }
    /// <summary>
    /// Merge every note into a directly preceding note of the same pitch before extracting features
    /// (<see cref="CompactExcerpt.WithRepeatsMerged"/>), in every class alike, so that a classifier cannot tell
    /// pieces apart by how held notes are written out (tied or re-struck); default false.
    /// </summary>
    public bool MergeRepeats { get; init; }
    /// <summary>Seed of the piece sample; default 1.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Features left out of <see cref="Schema"/>, by name; default none.</summary>
    public ImmutableArray<string> ExcludedFeatures { get; init; } = [];

    /// <summary>
    /// The defaults of the real-versus-generated task (what <c>train real-vs-generated</c> and the GA's cached model
    /// use): 16-measure excerpts, the length of a GA candidate, hop 8, repeated notes merged in both classes, and
    /// <c>cadence.duration</c> left out: the samplers write a one-beat chord where a chorale holds its fermata, so
    /// that feature partly measures how the generators write a cadence rather than the music (without it the
    /// grouped 5-fold accuracy is the same: mean over seeds 1-5 0.955 without, 0.953 with).
    /// </summary>
    public static StyleTaskOptions RealVersusGeneratedDefaults { get; } = new() { Measures = 16, Hop = 8, MergeRepeats = true, ExcludedFeatures = ["cadence.duration"] };

    /// <summary>The feature schema these options give.</summary>
    public FeatureSchema Schema
    {
        get
        {
            var schema = Melodic ? StyleFeatures.MelodicSchema : StyleFeatures.Schema;
            return ExcludedFeatures.IsDefaultOrEmpty ? schema : schema.Subset(f => !ExcludedFeatures.Contains(f.Name));
        }
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is not positive.</exception>
    /// <exception cref="ArgumentException">An excluded feature does not exist.</exception>
    public StyleTaskOptions Validate()
    {
        foreach (string name in ExcludedFeatures.IsDefault ? [] : ExcludedFeatures)
            if (!StyleFeatures.Schema.Contains(name)) throw new ArgumentException($"no feature named '{name}' to leave out.", nameof(ExcludedFeatures));
        if (Measures < 1) throw new ArgumentOutOfRangeException(nameof(Measures), Measures, "excerpts need at least one measure.");
        if (Hop < 1) throw new ArgumentOutOfRangeException(nameof(Hop), Hop, "the hop must be at least one measure.");
        if (MaxExcerptsPerPiece < 1) throw new ArgumentOutOfRangeException(nameof(MaxExcerptsPerPiece), MaxExcerptsPerPiece, "must be positive.");
        if (MaxPiecesPerClass < 1) throw new ArgumentOutOfRangeException(nameof(MaxPiecesPerClass), MaxPiecesPerClass, "must be positive.");
        return this;
    }
}

/// <summary>A piece given to a style task: its class, a group name (unique per piece) and its score.</summary>
/// <param name="Class">The class name.</param>
/// <param name="Group">The piece's identity (cross-validation keeps it in one fold).</param>
/// <param name="Score">The score.</param>
public sealed record LabeledScore(string Class, string Group, Score Score);

/// <summary>A dataset built for a task, with the pieces used per class and the files that could not be used.</summary>
/// <param name="Data">The excerpts' features.</param>
/// <param name="PiecesPerClass">Pieces that gave at least one excerpt, per class.</param>
/// <param name="Problems">Files skipped, with reasons ("set/file: reason").</param>
public sealed record StyleTaskData(LabeledDataset Data, ImmutableDictionary<string, int> PiecesPerClass, ImmutableArray<string> Problems);

/// <summary>The two style tasks: which corpus sets make which class, and how excerpts become feature rows.</summary>
public static class StyleTasks
{
    /// <summary>Style identification: class name and corpus set (see <c>corpora/manifest.json</c>).</summary>
    public static readonly ImmutableArray<(string Class, string Set)> StyleIdentificationSets =
        [("bach", "bach-chorales"), ("palestrina", "palestrina"), ("monteverdi", "monteverdi"), ("essen", "essen")];

    /// <summary>The class of real chorales in the real-versus-generated task.</summary>
    public const string RealClass = "real";
    /// <summary>The class of generated samples in the real-versus-generated task.</summary>
    public const string GeneratedClass = "generated";

    /// <summary>Loads the four corpus sets and builds the style-identification dataset.</summary>
    /// <param name="options">Excerpt options.</param>
    /// <param name="corpusRoot">Explicit corpus root, or null for the default resolution.</param>
    /// <param name="log">Receives one line per set loaded.</param>
    /// <exception cref="DirectoryNotFoundException">A set's folder is missing.</exception>
    public static StyleTaskData StyleIdentification(StyleTaskOptions options, string? corpusRoot = null, IProgress<string>? log = null)
    {
        var manifest = CorpusManifest.Load();
        var pieces = new List<LabeledScore>();
        var problems = new List<string>();
        foreach (var (cls, setName) in StyleIdentificationSets)
        {
            var set = manifest.Get(setName);
            if (set.Format == "abc")
            {
                // ABC collections hold many tunes per file: every tune is a piece of its own.
                int before = pieces.Count, failed = 0;
                foreach (string file in Directory.GetFiles(CorpusManifest.ResolveFolder(set, corpusRoot), set.Pattern).Order(StringComparer.Ordinal))
                {
                    string name = Path.GetFileName(file);
                    IReadOnlyList<AbcTune> tunes;
                    try { tunes = AbcReader.ReadAll(file); }
                    catch (ScoreFormatException e) { problems.Add($"{setName}/{name}: {e.Reason}"); failed++; continue; }
                    foreach (var tune in tunes)
                    {
                        string group = $"{setName}/{name}#{tune.Number.ToString(CultureInfo.InvariantCulture)}@{tune.Line.ToString(CultureInfo.InvariantCulture)}";
                        if (tune.Score is { NoteCount: > 0 } score) pieces.Add(new LabeledScore(cls, group, score));
                        else { problems.Add($"{group}: {tune.Error?.Reason ?? "no notes"}"); failed++; }
                    }
                }
                log?.Report($"{setName}: {pieces.Count - before} tunes read, {failed} skipped");
                continue;
            }
            var loaded = CorpusLoader.Load(set, corpusRoot);
            pieces.AddRange(loaded.Pieces.Select(p => new LabeledScore(cls, Group(setName, p.Source, p.Score), p.Score)));
            problems.AddRange(loaded.Problems.Select(p => $"{setName}/{p.Source}: {p.Reason}"));
            log?.Report($"{setName}: {loaded.Pieces.Count} pieces read, {loaded.Problems.Count} skipped");
        }
        return Build(StyleIdentificationSets.Select(s => s.Class), pieces, options, problems);
    }

    /// <summary>
    /// Real versus generated: the Bach chorales (class <see cref="RealClass"/>) against generated pieces (class
    /// <see cref="GeneratedClass"/>; each its own group).
    /// </summary>
    /// <param name="options">Excerpt options.</param>
    /// <param name="generated">The generated pieces.</param>
    /// <param name="corpusRoot">Explicit corpus root, or null for the default resolution.</param>
    /// <param name="log">Receives one line when the chorales are loaded.</param>
    /// <param name="excludeReal">Chorales to leave out (held out for testing), by file name relative to the set's folder; default none.</param>
    /// <exception cref="DirectoryNotFoundException">The chorales are missing.</exception>
    public static StyleTaskData RealVersusGenerated(StyleTaskOptions options, IEnumerable<LabeledScore> generated, string? corpusRoot = null, IProgress<string>? log = null, Func<string, bool>? excludeReal = null)
    {
        var set = CorpusManifest.Load().Get("bach-chorales");
        var real = CorpusLoader.Load(set, corpusRoot);
        var problems = real.Problems.Select(p => $"{set.Name}/{p.Source}: {p.Reason}").ToList();
        var pieces = real.Pieces.Where(p => excludeReal is null || !excludeReal(p.Source))
            .Select(p => new LabeledScore(RealClass, Group(set.Name, p.Source, p.Score), p.Score)).ToList();
        log?.Report($"{set.Name}: {real.Pieces.Count} pieces read, {real.Problems.Count} skipped");
        pieces.AddRange(generated.Select(g => g with { Class = GeneratedClass }));
        return Build([RealClass, GeneratedClass], pieces, options, problems);
    }

    /// <summary>
    /// The cross-validation group of a corpus piece: the larger work it belongs to when its file names one (the
    /// Humdrum parent-work record <c>OPR</c>, e.g. the mass of a Palestrina movement: "palestrina/work:Missa Ad
    /// fugam"), else the file ("set/file"). Movements of one mass are spread over files whose names give the
    /// movement type and a running number that does not identify the mass (Agnus_00 and Kyrie_00 come from
    /// different masses), so the name cannot group them; the record can.
    /// </summary>
    /// <param name="set">The corpus set's name.</param>
    /// <param name="source">The file, relative to the set's folder.</param>
    /// <param name="score">The score read from it.</param>
    public static string Group(string set, string source, Score score)
    {
        foreach (var (key, value) in score.Metadata.References)
            if (key == "OPR" && !string.IsNullOrWhiteSpace(value)) return $"{set}/work:{value.Trim()}";
        return $"{set}/{source}";
    }

    /// <summary>Every readable score file in a folder and its subfolders, as generated pieces (group "generated/relative path").</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static IReadOnlyList<LabeledScore> ReadGenerated(string folder, ICollection<string>? problems = null)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"generated samples folder '{folder}' does not exist");
        var result = new List<LabeledScore>();
        foreach (string name in ScoreFiles.FindIn(folder))
        {
            string file = Path.Combine(folder, name);
            try { result.Add(new LabeledScore(GeneratedClass, "generated/" + name, ScoreFiles.Read(file))); }
            catch (ScoreFormatException e) { problems?.Add($"generated/{name}: {e.Reason}"); }
        }
        return result;
    }

    /// <summary>
    /// Generated pieces from the mined chorale models, by default half Markov samples and half recombinant ones (groups
    /// "markov/N" and "recombinant/N"), each in a key drawn from <paramref name="keys"/> (the real pieces' keys, so
    /// that register does not give them away) with 4–7 phrases; deterministic for a seed. Pieces the models cannot
    /// make are skipped.
    /// </summary>
    /// <param name="models">The mined chorale models.</param>
    /// <param name="keys">Keys to draw from.</param>
    /// <param name="count">Pieces to make.</param>
    /// <param name="seed">Seed; piece i uses a stream derived from (seed, i).</param>
    /// <param name="methods">"markov", "recombinant", or both (alternating); default both.</param>
    public static IReadOnlyList<LabeledScore> Generate(ChoraleModels models, IReadOnlyList<Key> keys, int count, int seed, IReadOnlyList<string>? methods = null)
    {
        methods ??= ["markov", "recombinant"];
        if (methods.Count == 0 || methods.Any(m => m is not ("markov" or "recombinant")))
            throw new ArgumentException("methods must be markov and/or recombinant.", nameof(methods));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (keys.Count == 0) throw new ArgumentException("at least one key is needed.", nameof(keys));
        var result = new List<LabeledScore>(count);
        for (int i = 0; i < count; i++)
        {
            var random = new Random(Seeds.Derive(seed, 0x6e4, i));
            bool markov = methods[i % methods.Count] == "markov";
            var key = keys[random.Next(keys.Count)];
            int phrases = 4 + random.Next(4);
            try
            {
                var piece = markov ? models.SampleMarkov(key.Mode, phrases, random) : models.ComposeRecombinant(key.Mode, phrases, random);
                string group = $"{(markov ? "markov" : "recombinant")}/{i.ToString(CultureInfo.InvariantCulture)}";
                result.Add(new LabeledScore(GeneratedClass, group, piece.ToScore(key, new ScoreMetadata { Title = group, Composer = "EvoComposer" })));
            }
            catch (InvalidOperationException)
            {
                // The models could not complete this piece (a dead end in the lexicon): leave it out.
            }
        }
        return result;
    }

    /// <summary>
    /// Builds a dataset from labelled scores: a seeded sample of at most <see cref="StyleTaskOptions.MaxPiecesPerClass"/>
    /// pieces per class, each cut into windows of <see cref="StyleTaskOptions.Measures"/> measures (a piece
    /// shorter than one window but at least half as long gives itself as one excerpt), at most
    /// <see cref="StyleTaskOptions.MaxExcerptsPerPiece"/> per piece, evenly spread. Deterministic for the options.
    /// </summary>
    /// <exception cref="ArgumentException">A score's class is not among <paramref name="classes"/>.</exception>
    public static StyleTaskData Build(IEnumerable<string> classes, IEnumerable<LabeledScore> scores, StyleTaskOptions options, IEnumerable<string>? problems = null)
    {
        options.Validate();
        var classList = classes.ToImmutableArray();
        var problemList = (problems ?? []).ToList();
        var byClass = scores.GroupBy(s => s.Class).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Group, StringComparer.Ordinal).ToArray());
        foreach (string c in byClass.Keys)
            if (!classList.Contains(c)) throw new ArgumentException($"class '{c}' is not one of {string.Join(", ", classList)}.");
        var schema = options.Schema;
        int[] projection = StyleFeatures.Schema.ProjectionTo(schema);
        var rows = new List<double[]>();
        var labels = new List<int>();
        var groups = new List<string>();
        var piecesPerClass = ImmutableDictionary.CreateBuilder<string, int>();
        var full = new double[StyleFeatures.Schema.Count];
        for (int k = 0; k < classList.Length; k++)
        {
            var list = byClass.TryGetValue(classList[k], out var found) ? found : [];
            if (list.Length > options.MaxPiecesPerClass)
            {
                list = (LabeledScore[])list.Clone();
                Seeds.Shuffle(list, new Random(Seeds.Derive(options.Seed, 0x9ec, k)));
                list = list.Take(options.MaxPiecesPerClass).OrderBy(s => s.Group, StringComparer.Ordinal).ToArray();
            }
            int used = 0;
            foreach (var piece in list)
            {
                var excerpts = Excerpts(piece.Score, options);
                if (excerpts.Count == 0)
                {
                    problemList.Add($"{piece.Group}: shorter than half an excerpt of {options.Measures} measures");
                    continue;
                }
                used++;
                foreach (var excerpt in excerpts)
                {
                    StyleFeatures.ExtractInto(excerpt, full);
                    rows.Add(projection.Select(j => full[j]).ToArray());
                    labels.Add(k);
                    groups.Add(piece.Group);
                }
            }
            piecesPerClass[classList[k]] = used;
        }
        return new StyleTaskData(new LabeledDataset(schema, classList, rows, labels, groups), piecesPerClass.ToImmutable(), [.. problemList]);
    }

    /// <summary>The excerpts a piece gives under the options (see <see cref="Build"/>).</summary>
    public static IReadOnlyList<CompactExcerpt> Excerpts(Score score, StyleTaskOptions options)
    {
        var windows = CompactExcerpt.Windows(score, options.Measures, options.Hop, options.Melodic)
            .Select(w => options.MergeRepeats ? w.WithRepeatsMerged() : w).ToList();
        if (windows.Count == 0)
        {
            if (CompactExcerpt.MeasureCount(score) * 2 < options.Measures) return [];
            var whole = CompactExcerpt.FromScore(score);
            if (options.Melodic) whole = whole.TopVoice();
            return [options.MergeRepeats ? whole.WithRepeatsMerged() : whole];
        }
        if (windows.Count <= options.MaxExcerptsPerPiece) return windows;
        var picked = new List<CompactExcerpt>(options.MaxExcerptsPerPiece);
        for (int i = 0; i < options.MaxExcerptsPerPiece; i++)
            picked.Add(windows[(int)((long)i * (windows.Count - 1) / Math.Max(1, options.MaxExcerptsPerPiece - 1))]);
        return picked;
    }
}
