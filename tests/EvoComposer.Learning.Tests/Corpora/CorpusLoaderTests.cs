using EvoComposer.Learning.Corpora;
using EvoComposer.Theory.Music;

namespace EvoComposer.Learning.Tests.Corpora;

public class CorpusLoaderTests
{
    private static readonly CorpusSet Chorales = CorpusManifest.LoadEmbedded().Get("bach-chorales");

    [Fact]
    public void LoadFolder_OneBadFile_ReportsItAndLoadsTheRest()
    {
        string dir = Directory.CreateTempSubdirectory("evocomposer-corpus").FullName;
        try
        {
            foreach (string f in new[] { "chor001.krn", "chor002.krn" })
                File.Copy(TestCorpus.Path("bach-370-chorales", "kern", f), Path.Combine(dir, f));
            File.WriteAllText(Path.Combine(dir, "broken.krn"), "this is not humdrum\n");
            File.WriteAllText(Path.Combine(dir, "empty.krn"), "");
            var result = CorpusLoader.LoadFolder(Chorales, dir);
            Assert.Equal(["chor001.krn", "chor002.krn"], result.Pieces.Select(p => p.Source));
            Assert.Equal(["broken.krn", "empty.krn"], result.Problems.Select(p => p.Source).Order());
            Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Load_Chorale1_HasTheExpectedLabels()
    {
        string dir = Directory.CreateTempSubdirectory("evocomposer-corpus").FullName;
        try
        {
            File.Copy(TestCorpus.Path("bach-370-chorales", "kern", "chor001.krn"), Path.Combine(dir, "chor001.krn"));
            var labels = CorpusLoader.LoadFolder(Chorales, dir).Pieces.Single().Labels;
            Assert.Equal(new Key(Step.G, 0, Mode.Major), labels.Key);
            Assert.True(labels.KeyDeclared);
            Assert.Equal(new Meter(3, 4), labels.Meter);
            Assert.Equal(4, labels.Voices);
            Assert.Equal(100, labels.Tempo);
            Assert.Contains("Bach", labels.Composer);
            Assert.Equal("chorale", labels.Genre);
            Assert.InRange(labels.NoteDensity, 2, 8);
            Assert.InRange(labels.RhythmicActivity, 0.8, 3);
            Assert.InRange(labels.MinorChordShare, 0.05, 0.6);
            Assert.InRange(labels.MeanPitch, 55, 65);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Load_JsbSet_GivesAllSplitsAsScores()
    {
        var set = CorpusManifest.LoadEmbedded().Get("jsb-split");
        var result = CorpusLoader.Load(set, TestCorpus.Root, CorpusFilter.Parse("mode=minor"));
        Assert.Empty(result.Problems);
        Assert.InRange(result.Pieces.Count, 100, 250); // about half of the 382 are minor
        Assert.All(result.Pieces, p => { Assert.False(p.Labels.KeyDeclared); Assert.Equal(Mode.Minor, p.Labels.Mode); });
    }

    [Fact]
    public void Load_ThreeVoiceRequirement_ReportsEveryChorale()
    {
        string dir = Directory.CreateTempSubdirectory("evocomposer-corpus").FullName;
        try
        {
            File.Copy(TestCorpus.Path("bach-370-chorales", "kern", "chor003.krn"), Path.Combine(dir, "chor003.krn"));
            var result = CorpusLoader.LoadFolder(Chorales, dir, requireVoices: 3);
            Assert.Empty(result.Pieces);
            Assert.Contains("4 parts, not 3", result.Problems.Single().Reason);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void LoadFolder_MidiChoraleMarkedMajor_ReadsTheMinorKeyFromTheMusic()
    {
        // The shared MIDI set marks every key signature major; chor019 is in G minor (kern: *g:) and ends on G.
        var midi = CorpusManifest.LoadEmbedded().Get("bach-chorales-midi");
        string dir = Directory.CreateTempSubdirectory("evocomposer-corpus").FullName;
        try
        {
            foreach (string f in new[] { "chor001.mid", "chor019.mid" })
                File.Copy(TestCorpus.Path("bach-370-chorales", "midi", f), Path.Combine(dir, f));
            var pieces = CorpusLoader.LoadFolder(midi, dir).Pieces;
            Assert.Equal(Mode.Major, pieces[1].Score.Key!.Value.Mode); // what the file says
            Assert.Equal(new Key(Step.G, 0, Mode.Major), pieces[0].Labels.Key);
            Assert.Equal(new Key(Step.G, 0, Mode.Minor), pieces[1].Labels.Key);
        }
        finally { Directory.Delete(dir, true); }
    }
    [Fact]
    public void Load_MidiChorales_KeyAgreesWithTheKernKeyInMostPieces()
    {
        // The MIDI files say major for every chorale; the key read from the music (finalis + KeyEstimator.OnTonic)
        // agrees with the declared kern key except where a chorale ends on a half cadence.
        var manifest = CorpusManifest.LoadEmbedded();
        var kern = CorpusLoader.Load(manifest.Get("bach-chorales"), TestCorpus.Root).Pieces
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p.Source), p => p.Labels.Key);
        var midi = CorpusLoader.Load(manifest.Get("bach-chorales-midi"), TestCorpus.Root).Pieces;
        Assert.Equal(370, kern.Count);
        Assert.Equal(370, midi.Count);
        int agree = midi.Count(p => kern[Path.GetFileNameWithoutExtension(p.Source)] == p.Labels.Key);
        Assert.InRange(agree, 340, 370); // 343 with KeyEstimator.OnTonic (340 with the old Krumhansl–Kessler finder)
    }
    [Fact]
    public void Load_BachMusicXml_ReadsEveryMxlFile()
    {
        var result = CorpusLoader.Load(CorpusManifest.LoadEmbedded().Get("bach-musicxml"), TestCorpus.Root);
        Assert.Empty(result.Problems);
        Assert.Equal(408, result.Pieces.Count);
        Assert.All(result.Pieces, p => Assert.EndsWith(".mxl", p.Source));
        Assert.True(result.Pieces.Count(p => p.Labels.Voices == 4) > 300, "most are four-part chorales");
    }

    [Fact]
    public void Load_Monteverdi_ReadsEveryMadrigal()
    {
        var result = CorpusLoader.Load(CorpusManifest.LoadEmbedded().Get("monteverdi"), TestCorpus.Root);
        Assert.Empty(result.Problems);
        Assert.Equal(49, result.Pieces.Count);
        Assert.All(result.Pieces, p => Assert.InRange(p.Labels.Voices, 5, 6)); // book 5 adds a continuo part
    }

    [Fact]
    public void Load_Essen_GivesOnePiecePerTuneAndReportsTheBadTunes()
    {
        var result = CorpusLoader.Load(CorpusManifest.LoadEmbedded().Get("essen"), TestCorpus.Root);
        // 6,733 X: fields in 27 files; 5 tunes have stray digits the reader rejects.
        Assert.Equal(6728, result.Pieces.Count);
        Assert.Equal(5, result.Problems.Count);
        Assert.All(result.Problems, p => { Assert.Contains(".abc#", p.Source); Assert.Contains("not ABC music", p.Reason); });
        Assert.Equal(result.Pieces.Count, result.Pieces.Select(p => p.Source).Distinct().Count());
        Assert.Equal("altdeu10.abc#1 Das Hildebrandslied", result.Pieces[0].Source);
        Assert.All(result.Pieces, p => Assert.Equal(1, p.Labels.Voices));
        Assert.Equal(27, result.Pieces.Select(p => p.Source[..p.Source.IndexOf('#')]).Distinct().Count());
    }

    [Fact]
    public void LoadFolder_AbcFileWithABadTune_KeepsTheOthersAndNamesTheTune()
    {
        string dir = Directory.CreateTempSubdirectory("evocomposer-corpus").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "tunes.abc"),
                "X:1\nT:First\nM:4/4\nL:1/4\nK:G\nGABc|d4|]\n\nX:2\nT:Broken\nM:4/4\nL:1/4\nK:G\nGA 7 Bc|d4|]\n\nX:3\nM:3/4\nL:1/4\nK:Dm\nDEF|A3|]\n");
            var result = CorpusLoader.LoadFolder(CorpusManifest.LoadEmbedded().Get("essen"), dir);
            Assert.Equal(["tunes.abc#1 First", "tunes.abc#3"], result.Pieces.Select(p => p.Source));
            Assert.Equal("tunes.abc#2 Broken", result.Problems.Single().Source);
            Assert.Equal(Mode.Minor, result.Pieces[1].Labels.Mode);
        }
        finally { Directory.Delete(dir, true); }
    }
}
