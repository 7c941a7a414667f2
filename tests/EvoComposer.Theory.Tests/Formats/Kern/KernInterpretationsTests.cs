using System.Text;
using EvoComposer.Theory.Formats.Kern;
using EvoComposer.Theory.Music;

namespace EvoComposer.Theory.Tests.Formats.Kern;

public class KernInterpretationsTests
{
    private static byte[] B(string s) => Encoding.ASCII.GetBytes(s);

    [Theory]
    [InlineData("f#c#g#", 3, true)]
    [InlineData("b-e-a-d-", -4, true)]
    [InlineData("", 0, true)]
    [InlineData("c#f#", 2, false)]
    [InlineData("b-f#", 0, false)]
    [InlineData("f##", 1, false)]
    [InlineData("bn", 0, false)]
    public void TryKeySignature_Lists_CountAndStandardness(string list, int fifths, bool standard)
    {
        Assert.True(KernInterpretations.TryKeySignature(B(list), out int f, out bool s, out _));
        Assert.Equal((fifths, standard), (f, s));
    }

    [Theory]
    [InlineData("f")]
    [InlineData("h#")]
    [InlineData("F#")]
    [InlineData("f#c#g#d#a#e#b#f#")]
    public void TryKeySignature_Malformed_FailsWithReason(string list)
    {
        Assert.False(KernInterpretations.TryKeySignature(B(list), out _, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("100", 100.0)]
    [InlineData("72.5", 72.5)]
    [InlineData("60.25", 60.25)]
    public void TryTempo_Numbers_AreRead(string text, double bpm)
    {
        Assert.True(KernInterpretations.TryTempo(B(text), out double value));
        Assert.Equal(bpm, value, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("[Adagio]")]
    [InlineData("72.")]
    [InlineData("72.5x")]
    [InlineData("9999999")]
    public void TryTempo_Invalid_IsRejected(string text) => Assert.False(KernInterpretations.TryTempo(B(text), out _));

    [Theory]
    [InlineData("3/4", true)]
    [InlineData("4/2", true)]
    [InlineData("3/3", false)]
    [InlineData("3", false)]
    [InlineData("3/4%2", false)]
    [InlineData("99999999999/4", false)]
    public void TryMeter_Text_AcceptsWhatMeterCanHold(string text, bool ok) =>
        Assert.Equal(ok, KernInterpretations.TryMeter(B(text), out _));

    [Theory]
    [InlineData("clefG2")]
    [InlineData(">A")]
    [InlineData("met(c)")]
    [InlineData("Ab:")]
    [InlineData("X:")]
    public void TryKey_OtherInterpretations_AreNotKeys(string token) => Assert.False(KernInterpretations.TryKey(B(token), out _));

    [Theory]
    [InlineData("?:")]
    [InlineData("C:xyz")]
    [InlineData("c###:")]
    public void TryKey_UnknownKeys_AreKeysWithoutValue(string token)
    {
        Assert.True(KernInterpretations.TryKey(B(token), out var key));
        Assert.Null(key);
    }

    [Theory]
    [InlineData("d:dor", "D minor")]
    [InlineData("e:phr", "E minor")]
    [InlineData("F:lyd", "F major")]
    [InlineData("b-:", "Bb minor")]
    [InlineData("E-:ion", "Eb major")]
    public void TryKey_ModesAndCase_GiveMajorOrMinor(string token, string expected)
    {
        Assert.True(KernInterpretations.TryKey(B(token), out var key));
        Assert.Equal(expected, key.ToString());
    }

    [Theory]
    [InlineData("soprn", "Soprano")]
    [InlineData("cant", "Cantus")]
    [InlineData("calto", "Alto")]
    [InlineData("barit", "Baritone")]
    [InlineData("piano", "Piano")]
    public void InstrumentName_Codes_GiveNames(string code, string name) =>
        Assert.Equal(name, KernInterpretations.InstrumentName(code));
}
