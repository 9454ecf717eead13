namespace Kairos.EndToEnd.Tests;

/// <summary>
/// Every executable (server, consumer worker, CLI) answers --help and refuses an unknown flag before it makes
/// anything: a server started by a typo would listen on the default port and create a data folder where it was run.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kairos-cmdline-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Kairos.Server.dll", new[] { "--help" }, "--postgres")]
    [InlineData("Kairos.Server.dll", new[] { "--data", "elsewhere", "-h" }, "--Kairos:Section:Name")]
    [InlineData("kairos-worker.dll", new[] { "--help" }, "Kairos:Kafka:BootstrapServers")]
    [InlineData("kairos-worker.dll", new[] { "fx-rates", "--help" }, "--config")]
    [InlineData("Kairos.Server.dll", new[] { "users", "--help" }, "--data")]
    [InlineData("kairos.dll", new[] { "--help" }, "validate")]
    [InlineData("kairos.dll", new[] { "runs", "--help" }, "--json")]
    public async Task Help_ExitsZeroWithTheOptions_AndCreatesNothing(string dll, string[] args, string mentioned)
    {
        var (code, stdout, stderr) = await Processes.RunInAsync(_folder, dll, args);
        Assert.True(code == 0, $"exit {code}: {stderr}");
        Assert.Contains(mentioned, stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public async Task ServerHelp_NamesEveryFlagAndHowToGiveSettings()
    {
        var (_, stdout, _) = await Processes.RunInAsync(_folder, "Kairos.Server.dll", "--help");
        foreach (var flag in new[] { "--jobs", "--data", "--postgres", "--node", "--url", "--config", "--Kairos:Section:Name", "Kairos__Section__Name" })
            Assert.Contains(flag, stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kairos.Server.dll", new[] { "--bogus" }, "--bogus")]
    [InlineData("Kairos.Server.dll", new[] { "--jobs", "examples", "--dta", "x" }, "--dta")]
    [InlineData("Kairos.Server.dll", new[] { "--Kairos__DataPath", "x" }, "--Kairos__DataPath")]
    [InlineData("Kairos.Server.dll", new[] { "-x" }, "-x")]
    [InlineData("Kairos.Server.dll", new[] { "serve" }, "serve")]
    [InlineData("Kairos.Server.dll", new[] { "worker", "fx-rates" }, "kairos-worker")]
    [InlineData("kairos-worker.dll", new[] { "fx-rates", "--bogus" }, "--bogus")]
    [InlineData("kairos-worker.dll", new[] { "--data", "x" }, "<consumer>")]
    [InlineData("Kairos.Server.dll", new[] { "users", "list", "--bogus" }, "--bogus")]
    [InlineData("kairos.dll", new[] { "--bogus" }, "--bogus")]
    [InlineData("kairos.dll", new[] { "runs", "--bogus" }, "--bogus")]
    public async Task UnknownFlag_ExitsTwoNamingIt_AndCreatesNothing(string dll, string[] args, string named)
    {
        var (code, stdout, stderr) = await Processes.RunInAsync(_folder, dll, args);
        Assert.True(code == 2, $"exit {code}: {stdout}{stderr}");
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder));
    }

    [Fact]
    public async Task ConfigurationKeys_AreNotTakenForUnknownFlags()
    {
        // A port that refuses to bind stops the server after the check: what matters is that the check let these through.
        var data = Path.Combine(_folder, "data");
        var (code, _, stderr) = await Processes.RunInAsync(_folder, "Kairos.Server.dll",
            "--data", data, "--url", "http://127.0.0.1:1", "--Kairos:Approvals:Require:0", "no-such-action", "--urls=http://127.0.0.1:1", "--Logging:LogLevel:Default=Warning");
        Assert.DoesNotContain("unknown option", stderr, StringComparison.Ordinal);
        Assert.Contains("no-such-action", stderr, StringComparison.Ordinal);
        Assert.Equal(2, code);
    }
}
