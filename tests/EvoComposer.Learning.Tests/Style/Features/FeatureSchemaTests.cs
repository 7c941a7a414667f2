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
