namespace EvoComposer.Cli.Tests;

public sealed class HostTests
{
    /// <summary>scripts/debian-packages.txt (copied beside the tests): the (probe, package) lines setup-debian installs.</summary>
    private static List<(string Probe, string Package)> ScriptList() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "debian-packages.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (f[0], f[1]))
            .ToList();

    [Fact]
    public void ExternalToolAll_ComparedWithSetupDebianList_HasTheSameProbesAndPackagesInOrder() =>
        Assert.Equal(ScriptList(), ExternalTool.All.Select(t => (t.Probe, t.DebianPackage)).ToList());

    [Fact]
    public void Locate_AbsoluteProbe_LooksForTheFileNotOnPath()
    {
        var host = new Host { FileExists = p => p == ExternalTool.SoundFont.Probe, FindProgram = _ => throw new InvalidOperationException("not on PATH") };

        Assert.Equal(ExternalTool.SoundFont.Probe, host.Locate(ExternalTool.SoundFont));
    }
}
