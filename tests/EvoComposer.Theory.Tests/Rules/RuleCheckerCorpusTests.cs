using EvoComposer.Tests.Shared;
using EvoComposer.Theory.Analysis;
using EvoComposer.Theory.Formats;
using EvoComposer.Theory.Rules;

namespace EvoComposer.Theory.Tests.Rules;

public class RuleCheckerCorpusTests
{
    [Fact]
    public void All370Chorales_CheckWithoutExceptions_AtBachsRateOfParallels()
    {
        var files = Directory.GetFiles(TestCorpus.Path("bach-370-chorales", "kern"), "*.krn");
        Assert.Equal(370, files.Length);
        var strict = RuleSet.Preset("strict");
        long notes = 0;
        var counts = new Dictionary<string, int>();
        foreach (var f in files)
        {
            var result = RuleChecker.Check(ScoreFiles.Read(f), strict);
            notes += result.NoteCount;
            foreach (var kv in result.Counts) counts[kv.Key] = counts.GetValueOrDefault(kv.Key) + kv.Value;
            foreach (var v in result.Violations)
            {
                Assert.False(string.IsNullOrEmpty(v.Message), v.RuleId);
                Assert.True(v.Measure >= 0);
            }
        }
        double Per1000(params string[] ids) => 1000.0 * ids.Sum(id => counts.GetValueOrDefault(id)) / notes;
        // music21's parallelFifth/parallelOctave count parallel and contrary ("antiparallel") motion alike: 1.3–1.6 per 1,000 notes.
        double music21Like = Per1000("parallel-fifths", "parallel-octaves", "contrary-fifths-octaves");
        Assert.InRange(music21Like, 0.5, 5);
        Assert.InRange(Per1000("parallel-fifths", "parallel-octaves"), 0.05, 2);
        Assert.InRange(notes, 80_000, 90_000);
    }

    [Fact]
    public void StudentsExercise_InKernAndInMidi_GetsTheSameReport()
    {
        var strict = RuleSet.Preset("strict");
        string dir = Directory.CreateTempSubdirectory("evocomposer-rules-").FullName;
        try
        {
            string kernPath = Path.Combine(dir, "exercise.krn"), midiPath = Path.Combine(dir, "exercise.mid");
            File.WriteAllText(kernPath, StudentExercises.Kern.Replace("\r", ""));
            var kernScore = ScoreFiles.Read(kernPath);
            EvoComposer.Theory.Formats.Midi.MidiScoreWriter.Write(kernScore, midiPath);
            var kern = RuleChecker.Check(kernScore, strict);
            var midi = RuleChecker.Check(ScoreFiles.Read(midiPath), strict);
            Assert.NotEmpty(kern.Violations);
            Assert.Contains(kern.Violations, v => v.RuleId == "parallel-fifths");
            Assert.Equal(kern.Violations.Select(v => $"{v.RuleId} {v.Measure} {v.Beat} {v.Message}"),
                         midi.Violations.Select(v => $"{v.RuleId} {v.Measure} {v.Beat} {v.Message}"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void KernAndMidi_OfTheChorales_AgreeOnVoiceLeading()
    {
        // The corpus MIDI files lose the pickup measure and the fermatas, and spell from the key signature: compare
        // the voice-leading rules by onset, which depend on neither.
        var strict = RuleSet.Preset("strict");
        string[] ids = ["parallel-fifths", "parallel-octaves", "contrary-fifths-octaves", "voice-crossing", "voice-overlap", "spacing", "voice-range", "leap-beyond-octave"];
        foreach (var n in new[] { "001", "002", "004", "010", "020" })
        {
            var kern = RuleChecker.Check(ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", $"chor{n}.krn")), strict);
            var midi = RuleChecker.Check(ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "midi", $"chor{n}.mid")), strict);
            string Summary(CheckResult r) => string.Join("\n", r.Violations.Where(v => ids.Contains(v.RuleId))
                .Select(v => $"{v.RuleId} {v.Onset} {string.Join(",", v.Voices)}"));
            Assert.Equal(Summary(kern), Summary(midi));
        }
    }

    [Fact]
    public void Run_WithoutMessages_CountsTheSameAsWithMessages()
    {
        var score = ScoreFiles.Read(TestCorpus.Path("bach-370-chorales", "kern", "chor005.krn"));
        var grid = SliceGrid.FromScore(score);
        var withMessages = RuleChecker.Check(new RuleContext(grid, null, true, score.Key, score.KeySignature.Fifths), RuleSet.Defaults);
        var buffer = new List<Violation>();
        double penalty = RuleChecker.Run(new RuleContext(grid, null, false, score.Key, score.KeySignature.Fifths), RuleSet.Defaults, buffer);
        Assert.Equal(withMessages.Violations.Length, buffer.Count);
        Assert.Equal(withMessages.Penalty, penalty);
        Assert.All(buffer, v => Assert.Equal("", v.Message));
    }

    [Fact]
    public void Run_CountOnlyContext_CountsWhatAnExplainedContextReports_OnFortyChorales()
    {
        var strict = RuleSet.Preset("strict");
        var buffer = new List<Violation>();
        foreach (var file in Directory.GetFiles(TestCorpus.Path("bach-370-chorales", "kern"), "*.krn").Order(StringComparer.Ordinal).Take(40))
        {
            var score = ScoreFiles.Read(file);
            var grid = SliceGrid.FromScore(score);
            var explained = RuleChecker.Check(new RuleContext(grid, null, true, score.Key, score.KeySignature.Fifths), strict);
            var counting = new RuleContext(grid, null, false, score.Key, score.KeySignature.Fifths, countOnly: true);
            foreach (var settings in strict.Enabled)
            {
                if (!settings.Rule.AppliesTo(grid)) continue;
                buffer.Clear();
                settings.Rule.Check(counting, settings, buffer);
                Assert.Equal(explained.Counts.GetValueOrDefault(settings.Rule.Id), buffer.Count);
                Assert.All(buffer, v => Assert.Same(RuleContext.Counted, v));
            }
        }
    }
}
