using EvoComposer.Learning.Style.Features;

namespace EvoComposer.Learning.Tests.Style.Features;

public class FeatureSchemaTests
{
    private static FeatureInfo F(string name) => new(name, "d", "p", false);

    [Fact]
    public void Constructor_DuplicateName_Throws() =>
        Assert.Throws<ArgumentException>(() => new FeatureSchema([F("a"), F("b"), F("a")]));

    [Fact]
    public void ProjectionTo_Subset_MapsByName()
    {
        var schema = new FeatureSchema([F("a"), F("b"), F("c")]);
        var subset = schema.Subset(f => f.Name != "b");
        Assert.Equal(["a", "c"], subset.Names);
        Assert.Equal([0, 2], schema.ProjectionTo(subset));
        Assert.Throws<KeyNotFoundException>(() => subset.ProjectionTo(schema));
    }

    [Fact]
    public void FeatureVector_IsKeyedByName()
    {
        var schema = new FeatureSchema([F("a"), F("b")]);
        var v = new FeatureVector(schema, [1.5, -2]);
        Assert.Equal(-2, v["b"]);
        Assert.Equal([KeyValuePair.Create("a", 1.5), KeyValuePair.Create("b", -2.0)], v.Pairs);
        var e = Assert.Throws<KeyNotFoundException>(() => v["z"]);
        Assert.Contains("'z'", e.Message);
        Assert.Throws<ArgumentException>(() => new FeatureVector(schema, [1.0]));
    }
}

public sealed class FeatureInfoTests
{
    [Theory]
    [InlineData("parallel perfect intervals", "fewer")]
    [InlineData("notes per beat", "fewer")]
    [InlineData("voices sounding at once", "fewer")]
    [InlineData("upper voices more than an octave apart", "fewer")]
    [InlineData("bare sonorities without a third", "fewer")]
    [InlineData("recurring bass figures", "fewer")]
    [InlineData("dissonance", "less")]
    [InlineData("range in the bass", "less")]
    [InlineData("time on tonic chords", "less")]
    [InlineData("variety of melodic intervals", "less")]
    [InlineData("bass moving from dominant to tonic at cadences", "less")]
    [InlineData("root motion by fifths", "less")]
    public void Less_Phrase_IsFewerForCountedThingsAndLessOtherwise(string phrase, string expected) =>
        Assert.Equal(expected, new FeatureInfo("x", "x", phrase, false).Less);

    [Fact]
    public void Less_EveryStyleFeature_SaysFewerOnlyWhereAPluralNamesWhatIsCounted()
    {
        var fewer = StyleFeatures.Schema.Features.Where(f => f.Less == "fewer").Select(f => f.Name).ToHashSet();

        // A sample of each kind, read by hand from the phrases.
        Assert.Contains("motion.parallel-perfect", fewer);
        Assert.Contains("harmony.accidental-toggles", fewer);
        Assert.Contains("nct.rate", fewer);
        Assert.Contains("chord.major", fewer);
        Assert.Contains("int.m2", fewer);
        Assert.Contains("cadence.bass-fifth", fewer);
        Assert.DoesNotContain("harmony.dissonance", fewer);
        Assert.DoesNotContain("top.step", fewer);
        Assert.DoesNotContain("register.texture-drift", fewer);
        Assert.DoesNotContain("pc.tonic", fewer);
        Assert.DoesNotContain("cadence.bass-step-leap", fewer);
    }
}
