using System.Text;
using EvoComposer.Learning.Style.Classifiers;
using FsCheck;
using FsCheck.Fluent;

namespace EvoComposer.Learning.Tests.Style.Classifiers;

public sealed class ClassifierFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "evocomposer-modelfile-" + Guid.NewGuid().ToString("N"));
    private static readonly LabeledDataset Data = SyntheticData.Separable(30, seed: 2);

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("naive-bayes")]
    [InlineData("gam")]
    public void SaveLoad_RoundTrip_PredictsIdentically(string kind)
    {
        ClassifierModel model = kind switch
        {
            "naive-bayes" => new NaiveBayesTrainer().Fit(Data),
            "gam" => new GeneralizedAdditiveTrainer().Fit(Data),
            _ => new LogisticRegressionTrainer().Fit(Data),
        };
        string path = Path.Combine(_folder, "m.json");
        ClassifierFile.Save(path, model, new Dictionary<string, string> { ["task"] = "test" });
        var loaded = ClassifierFile.Load(path);
        Assert.Equal(model.Kind, loaded.Model.Kind);
        Assert.Equal("test", loaded.Properties["task"]);
        Assert.Equal(model.Schema, loaded.Model.Schema);
        Assert.Equal(model.Classes.ToArray(), loaded.Model.Classes.ToArray());
        Span<double> a = stackalloc double[3], b = stackalloc double[3];
        for (int i = 0; i < Data.Count; i++)
        {
            model.LogProbabilities(Data.Row(i), a);
            loaded.Model.LogProbabilities(Data.Row(i), b);
            Assert.True(a.SequenceEqual(b));
        }
    }

    [Fact]
    public void Load_OtherVersion_SaysSo()
    {
        string path = Saved();
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"version\": 1", "\"version\": 99"));
        var e = Assert.Throws<ClassifierFileException>(() => ClassifierFile.Load(path));
        Assert.Contains("version 99", e.Message);
    }

    [Fact]
    public void Load_MissingOrTruncatedOrForeign_IsOneClearError()
    {
        Assert.Contains("not found", Assert.Throws<ClassifierFileException>(() => ClassifierFile.Load(Path.Combine(_folder, "none.json"))).Message);
        string path = Saved();
        string text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length / 2)]);
        Assert.Contains("damaged", Assert.Throws<ClassifierFileException>(() => ClassifierFile.Load(path)).Message);
        File.WriteAllText(path, "{\"format\": \"something-else\"}");
        Assert.Contains("not a model file", Assert.Throws<ClassifierFileException>(() => ClassifierFile.Load(path)).Message);
        File.WriteAllText(path, text.Replace("\"bias\"", "\"bais\""));
        Assert.Throws<ClassifierFileException>(() => ClassifierFile.Load(path));
    }

    [Fact]
    public void Load_RandomlyDamagedBytes_LoadsOrThrowsClassifierFileExceptionOnly()
    {
        string path = Saved();
        byte[] original = File.ReadAllBytes(path);
        Prop.ForAll(Gen.Choose(0, original.Length - 1).ToArbitrary(), Gen.Choose(0, 255).ToArbitrary(), (at, value) =>
        {
            var bytes = (byte[])original.Clone();
            bytes[at] = (byte)value;
            File.WriteAllBytes(path, bytes);
            try { ClassifierFile.Load(path); return true; }
            catch (ClassifierFileException) { return true; }
        }).Check(Config.QuickThrowOnFailure);
    }

    private string Saved()
    {
        string path = Path.Combine(_folder, "saved.json");
        ClassifierFile.Save(path, new LogisticRegressionTrainer().Fit(Data));
        return path;
    }
}
