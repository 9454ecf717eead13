using Kairos.Calendars;
using Kairos.Definitions;

namespace Kairos.Core.Tests.Dependencies;

/// <summary>
/// Upstreams and cycles are judged once a whole folder is read, from real files: each problem at the file and line of
/// the entry that causes it, and every other job still loads.
/// </summary>
public sealed class DependencyFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kairos-deps-" + Guid.NewGuid().ToString("N")[..8]);

    public DependencyFolderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    private void Write(string file, string yaml) => File.WriteAllText(Path.Combine(_folder, file), yaml);

    private static string Job(string id, params string[] upstreams) =>
        $"id: {id}\naction: {{ noop: true }}\n" + (upstreams.Length == 0 ? "" : "after:\n" + string.Concat(upstreams.Select(u => $"  - job: {u}\n")));

    [Fact]
    public void ACycle_IsReportedAtTheAfterLineOfEachJobInIt_AndTheOthersLoad()
    {
        Write("a.yaml", Job("a", "b"));
        Write("b.yaml", "# b waits for c\n" + Job("b", "c"));
        Write("c.yaml", Job("c", "a"));
        Write("d.yaml", Job("d", "a"));
        Write("e.yaml", Job("e"));

        var result = JobFolder.Load(_folder, BuiltInCalendars.Default);

        Assert.Equal(["d", "e"], result.Jobs.Select(j => j.Job.Id).Order());
        Assert.Equal(3, result.Errors.Count);
        var shown = result.Errors.Select(e => e.ToString()).Order().ToList();
        Assert.EndsWith("a.yaml:3: after: these jobs wait for each other, so none of them could ever run: a → b → c → a", shown[0], StringComparison.Ordinal);
        Assert.EndsWith("b.yaml:4: after: these jobs wait for each other, so none of them could ever run: a → b → c → a", shown[1], StringComparison.Ordinal);
        Assert.EndsWith("c.yaml:3: after: these jobs wait for each other, so none of them could ever run: a → b → c → a", shown[2], StringComparison.Ordinal);
    }

    [Fact]
    public void TwoSeparateCycles_AreBothNamed()
    {
        Write("jobs.yaml", Job("a", "b") + "---\n" + Job("b", "a") + "---\n" + Job("x", "y") + "---\n" + Job("y", "x"));

        var result = JobFolder.Load(_folder, BuiltInCalendars.Default);

        Assert.Empty(result.Jobs);
        Assert.Equal([3, 8, 13, 18], result.Errors.Select(e => e.Line ?? 0));
        Assert.Contains(result.Errors, e => e.Message.EndsWith("x → y → x", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownUpstream_IsAnErrorAtItsEntry_AndThatJobDoesNotLoad()
    {
        Write("report.yaml", """
            id: report
            action: { noop: true }
            after:
              - job: ledger
              - condition: core-eod-file
              - job: gl-postt
            """);
        Write("ledger.yaml", Job("ledger"));

        var result = JobFolder.Load(_folder, BuiltInCalendars.Default);

        Assert.Equal(["ledger"], result.Jobs.Select(j => j.Job.Id));
        var error = Assert.Single(result.Errors);
        Assert.Equal(("after[2].job", 6), (error.Field, error.Line));
        Assert.Equal("no job named 'gl-postt': define it, or fix the name", error.Message);
    }

    [Fact]
    public void AnUpstreamKnownElsewhere_SuchAsThroughTheApi_IsAccepted()
    {
        Write("report.yaml", Job("report", "api-job"));

        Assert.Single(JobFolder.Load(_folder, BuiltInCalendars.Default).Errors);
        var result = JobFolder.Load(_folder, BuiltInCalendars.Default, id => id == "api-job");
        Assert.Empty(result.Errors);
        Assert.Equal(["report"], result.Jobs.Select(j => j.Job.Id));
    }

    [Fact]
    public void AnUpstreamWhoseOwnFileIsBroken_IsNotCalledMissing()
    {
        Write("report.yaml", Job("report", "ledger"));
        Write("ledger.yaml", "id: ledger\naction: { noop: true }\ntimeout: soon\n");

        var result = JobFolder.Load(_folder, BuiltInCalendars.Default);

        Assert.Equal(["report"], result.Jobs.Select(j => j.Job.Id));
        Assert.Equal("timeout", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void AnEntrysOwnProblem_IsAtTheLineOfThatEntry()
    {
        Write("report.yaml", """
            id: report
            action: { noop: true }
            after:
              - job: ledger
              - condition: core-eod-file
                businessDate: previous
                ifClosed: wait
            waitUntil: 07:00
            """);
        Write("ledger.yaml", Job("ledger"));

        var error = Assert.Single(JobFolder.Load(_folder, BuiltInCalendars.Default).Errors);
        Assert.Equal(("after[1].ifClosed", 7), (error.Field, error.Line));
    }
}
