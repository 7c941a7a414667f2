using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Style;

/// <summary>
/// The style term of the genetic algorithm's fitness: log P(real) of an excerpt under a trained
/// real-versus-generated (or any) classifier. Allocation-free per call (features on the stack, a per-thread
/// extractor), immutable and thread-safe, so the GA can call it from parallel fitness evaluation.
/// </summary>
public sealed class StyleScorer
{
    private readonly int[] _projection;
    private readonly int _target;

    /// <summary>Creates a scorer for one class of a model.</summary>
    /// <param name="model">A model whose features are all in <see cref="StyleFeatures.Schema"/>.</param>
    /// <param name="targetClass">The class whose log-probability is returned (e.g. "real").</param>
    /// <param name="topVoiceOnly">Describe excerpts by their top voice (for models trained with melodic features).</param>
    /// <param name="mergeRepeats">Merge repeated notes first (for models trained with <see cref="StyleTaskOptions.MergeRepeats"/>).</param>
    /// <exception cref="KeyNotFoundException">The model lacks the class or uses a feature this program does not compute.</exception>
    public StyleScorer(ClassifierModel model, string targetClass, bool topVoiceOnly = false, bool mergeRepeats = false)
    {
        MergeRepeats = mergeRepeats;
        Model = model;
        _target = model.ClassIndex(targetClass);
        _projection = StyleFeatures.Schema.ProjectionTo(model.Schema);
        TargetClass = targetClass;
        TopVoiceOnly = topVoiceOnly;
    }

    /// <summary>Loads a model file saved by <c>train</c>; the target class and feature set come from its properties.</summary>
    /// <exception cref="ClassifierFileException">The file cannot be read.</exception>
    public static StyleScorer Load(string path, string? targetClass = null)
    {
        var saved = ClassifierFile.Load(path);
        string target = targetClass ?? (saved.Properties.TryGetValue("target-class", out var t) ? t : saved.Model.Classes[0]);
        bool melodic = saved.Properties.TryGetValue("feature-set", out var f) && f == "melodic";
        bool merge = saved.Properties.TryGetValue(MergeRepeatsProperty, out var m) && m == "true";
        return new StyleScorer(saved.Model, target, melodic, merge);
    }

    /// <summary>The model.</summary>
    public ClassifierModel Model { get; }
    /// <summary>The class scored.</summary>
    public string TargetClass { get; }
    /// <summary>Whether excerpts are reduced to their top voice.</summary>
    public bool TopVoiceOnly { get; }
    /// <summary>Whether repeated notes are merged before features are extracted (then each call allocates a merged copy when there are any).</summary>
    public bool MergeRepeats { get; }

    /// <summary>The model-file property ("true"/"false") that records <see cref="StyleTaskOptions.MergeRepeats"/>.</summary>
    public const string MergeRepeatsProperty = "merge-repeats";

    /// <summary>log P(target class | excerpt), ≤ 0.</summary>
    public double LogProbability(CompactExcerpt excerpt)
    {
        Span<double> row = stackalloc double[_projection.Length];
        Describe(excerpt, row);
        Span<double> log = stackalloc double[Model.Classes.Length];
        Model.LogProbabilities(row, log);
        return log[_target];
    }

    /// <summary>
    /// Why the model gives an excerpt its probability of the target class: the prediction and each feature's
    /// contribution towards the target class, largest first (see <see cref="ClassifierModel.Explain"/>).
    /// </summary>
    public PredictionExplanation Explain(CompactExcerpt excerpt)
    {
        var row = new double[_projection.Length];
        Describe(excerpt, row);
        return Model.Explain(new FeatureVector(Model.Schema, row), TargetClass);
    }

    /// <summary>The explanation (as <see cref="Explain(CompactExcerpt)"/>) of the music in a <see cref="SliceGrid"/>.</summary>
    public PredictionExplanation Explain(SliceGrid grid, Meter meter) => Explain(CompactExcerpt.FromSliceGrid(grid, meter));

    /// <summary>The model's feature values of an excerpt, as the model was trained (top voice, repeats merged).</summary>
    private void Describe(CompactExcerpt excerpt, Span<double> row)
    {
        if (TopVoiceOnly && excerpt.VoiceCount > 1) excerpt = excerpt.TopVoice();
        if (MergeRepeats) excerpt = excerpt.WithRepeatsMerged();
        Span<double> full = stackalloc double[StyleFeatures.Schema.Count];
        StyleFeatures.ExtractInto(excerpt, full);
        for (int j = 0; j < row.Length; j++) row[j] = full[_projection[j]];
    }

    /// <summary>log P(target class) of the music in a <see cref="SliceGrid"/> (what the genetic algorithm renders its genomes to).</summary>
    public double LogProbability(SliceGrid grid, Meter meter) => LogProbability(CompactExcerpt.FromSliceGrid(grid, meter));

    /// <summary>log P(target class) of a whole score, taken as one excerpt.</summary>
    public double LogProbability(Score score) => LogProbability(CompactExcerpt.FromScore(score));
}
