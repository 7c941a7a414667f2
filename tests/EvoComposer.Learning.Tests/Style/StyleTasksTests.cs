using EvoComposer.Learning.Style;
using EvoComposer.Learning.Style.Classifiers;
using EvoComposer.Learning.Style.Features;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Formats.Abc;

namespace EvoComposer.Learning.Tests.Style;

public class StyleTasksTests
{
    private static LabeledScore Long(string cls, string group, int seed) => new(cls, group, SyntheticScores.Random(seed, 2, 40));

    [Fact]
    public void RealVersusGeneratedDefaults_LeaveOutCadenceDuration()
    {
        var schema = StyleTaskOptions.RealVersusGeneratedDefaults.Schema;
        Assert.False(schema.Contains("cadence.duration"));
        Assert.Equal(StyleFeatures.Schema.Count - 1, schema.Count);
        Assert.True(new StyleTaskOptions().Schema.Contains("cadence.duration"));
    }

    [Fact]
    public void Validate_UnknownExcludedFeature_Throws() =>
        Assert.Throws<ArgumentException>(() => new StyleTaskOptions { ExcludedFeatures = ["no.such"] }.Validate());

    [Fact]
    public void Build_CapsExcerptsPerPieceAndReportsShortPieces()
    {
        var pieces = new[]
        {
            Long("a", "a1", 1), Long("b", "b1", 2),
            new LabeledScore("b", "short", SyntheticScores.Random(3, 2, 3)),
        };
        var data = StyleTasks.Build(["a", "b"], pieces, new StyleTaskOptions { Measures = 8, Hop = 2, MaxExcerptsPerPiece = 5 });
        Assert.Equal(10, data.Data.Count);
        Assert.Equal(1, data.PiecesPerClass["b"]);
        Assert.Contains(data.Problems, p => p.StartsWith("short:", StringComparison.Ordinal));
        Assert.Equal(StyleFeatures.Schema, data.Data.Schema);
    }

    [Fact]
    public void Build_Melodic_UsesTheMelodicSchemaAndTheTopVoice()
    {
        var data = StyleTasks.Build(["a", "b"], [Long("a", "a1", 1), Long("b", "b1", 2)], new StyleTaskOptions { Melodic = true });
        Assert.Equal(StyleFeatures.MelodicSchema, data.Data.Schema);
        Assert.DoesNotContain("texture.voices", data.Data.Schema.Names);
    }

    [Fact]
    public void Build_ManyPieces_SamplesDeterministically()
    {
        var pieces = Enumerable.Range(0, 20).Select(i => Long(i < 10 ? "a" : "b", $"p{i:00}", i)).ToList();
        var options = new StyleTaskOptions { MaxPiecesPerClass = 4, Seed = 5 };
        var first = StyleTasks.Build(["a", "b"], pieces, options).Data;
        var second = StyleTasks.Build(["a", "b"], pieces, options).Data;
        var groups = Enumerable.Range(0, first.Count).Select(first.Group).Distinct().ToList();
        Assert.Equal(8, groups.Count);
        Assert.Equal(groups, Enumerable.Range(0, second.Count).Select(second.Group).Distinct());
    }

    [Fact]
    public void Group_PalestrinaMovements_AreGroupedByMassNotByFile()
    {
        // Agnus_00 and Agnus_01 belong to two masses; the file names do not say which.
        string folder = TestCorpus.Path("palestrina");
        var groups = new[] { "Agnus_00.krn", "Agnus_01.krn", "Kyrie_00.krn" }
            .Select(f => StyleTasks.Group("palestrina", f, ScoreFiles.Read(Path.Combine(folder, f)))).ToList();
        Assert.All(groups, g => Assert.StartsWith("palestrina/work:Missa ", g, StringComparison.Ordinal));
        Assert.Equal(3, groups.Distinct().Count());
        var movements = Directory.GetFiles(folder, "*.krn").Order(StringComparer.Ordinal).Take(60)
            .Select(f => StyleTasks.Group("palestrina", Path.GetFileName(f), ScoreFiles.Read(f))).ToList();
        Assert.True(movements.Distinct().Count() < movements.Count, "some movements of one mass share a group");
    }

    [Fact]
    public void Group_NoParentWork_IsTheFile()
    {
        var score = SyntheticScores.Quarters([60, 62]);
        Assert.Equal("bach-chorales/chor001.krn", StyleTasks.Group("bach-chorales", "chor001.krn", score));
    }

    [Fact]
    public void Build_MergeRepeats_RemovesRepeatedNotes()
    {
        var score = SyntheticScores.Quarters(Enumerable.Range(0, 40).Select(i => 60 + i / 2 % 5).ToArray(), Enumerable.Range(0, 40).Select(i => 48 + i % 3).ToArray());
        var plain = StyleTasks.Build(["a", "b"], [new LabeledScore("a", "p", score)], new StyleTaskOptions { Measures = 4 }).Data;
        var merged = StyleTasks.Build(["a", "b"], [new LabeledScore("a", "p", score)], new StyleTaskOptions { Measures = 4, MergeRepeats = true }).Data;
        int repeat = plain.Schema.IndexOf("int.repeat");
        Assert.True(plain.Row(0)[repeat] > 0);
        Assert.Equal(0, merged.Row(0)[repeat]);
    }

    [Fact]
    public void StyleIdentification_SmallCorpusSample_IsMostlyRight()
    {
        // A small version of 'evaluate style': a dozen pieces of each set, 3-fold CV grouped by piece.
        var pieces = new List<LabeledScore>();
        void Add(string cls, string folder, string pattern, int count) =>
            pieces.AddRange(Directory.GetFiles(TestCorpus.Path(folder), pattern).Order(StringComparer.Ordinal).Take(count)
                .Select(f => new LabeledScore(cls, f, ScoreFiles.Read(f))));
        Add("bach", "bach-370-chorales/kern", "*.krn", 12);
        Add("palestrina", "palestrina", "*.krn", 12);
        Add("monteverdi", "monteverdi", "*.mxl", 9);
        pieces.AddRange(AbcReader.ReadAll(TestCorpus.Path("essen-folksongs", "altdeu10.abc")).Where(t => t.Score is not null).Take(12)
            .Select(t => new LabeledScore("essen", $"essen#{t.Number}@{t.Line}", t.Score!)));
        var data = StyleTasks.Build(["bach", "palestrina", "monteverdi", "essen"], pieces, new StyleTaskOptions()).Data;
        Assert.All(data.ClassCounts(), c => Assert.True(c > 0));
        var cv = CrossValidation.Grouped(new LogisticRegressionTrainer(), data, 3, seed: 1);
        Assert.True(cv.Accuracy >= 0.85, $"accuracy {cv.Accuracy}");
    }
}
