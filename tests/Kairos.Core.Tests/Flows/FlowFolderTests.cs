using Kairos.Calendars;
using Kairos.Core.Flows;
using Kairos.Definitions;

namespace Kairos.Core.Tests.Flows;

/// <summary>Flow files read from a real folder: steps load as jobs, and a flow's problems are named at its file and line.</summary>
public sealed class FlowFolderTests : IDisposable
{
    private const string EndOfDay = """
        flow: end-of-day
        description: The ledger's night
        owner: platform
        schedule: { cron: '0 0 19 * * *', calendar: KR-BANK }
        onFailure: continue
        finishBy: "07:00"
        steps:
          - id: extract-ledger
            action: { noop: true }
          - id: fx-close
            action: { noop: true }
          - id: settle
            after: [{ job: extract-ledger }, { job: fx-close }]
            action: { noop: true }
          - id: report
            owner: regulatory
            after: [{ job: settle }]
            action: { noop: true }
        """;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kairos-flows-" + Guid.NewGuid().ToString("N")[..8]);

    public FlowFolderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    private void Write(string file, string yaml) => File.WriteAllText(Path.Combine(_folder, file), yaml);

    private JobFolder.Result Load() => JobFolder.Load(_folder, BuiltInCalendars.Default);

    [Fact]
    public void AFlowFile_LoadsItsStepsAsJobs_RootsOnTheFlowsSchedule()
    {
        Write("eod.yaml", EndOfDay);
        Write("other.yaml", "id: other\naction: { noop: true }\n");

        var result = Load();

        Assert.Empty(result.Errors);
        var jobs = result.Jobs.ToDictionary(j => j.Job.Id);
        Assert.Equal(["extract-ledger", "fx-close", "other", "report", "settle"], jobs.Keys.Order());
        Assert.Equal("KR-BANK", jobs["extract-ledger"].Job.Schedule!.CalendarId);
        Assert.NotNull(jobs["fx-close"].Job.Schedule);
        Assert.Null(jobs["settle"].Job.Schedule);
        Assert.Null(jobs["report"].Job.Schedule);
        Assert.Equal("platform", jobs["settle"].Job.Owner);
        Assert.Equal("regulatory", jobs["report"].Job.Owner);
        Assert.EndsWith("eod.yaml:12", jobs["settle"].Source, StringComparison.Ordinal);

        var flow = Assert.Single(Flow.From(result.Jobs.Select(j => j.Job)));
        Assert.Equal("end-of-day", flow.Name);
        Assert.Equal(FlowFailurePolicy.Continue, flow.OnFailure);
        Assert.Equal(new TimeOnly(7, 0), flow.FinishBy!.At);
        Assert.Equal(["extract-ledger", "fx-close", "settle", "report"], flow.Steps.Select(s => s.Id));
        Assert.Equal(["extract-ledger", "fx-close"], flow.Steps.Where(s => s.IsRoot).Select(s => s.Id));
        Assert.Equal(["settle", "report"], flow.FromStep("settle").Select(s => s.Id));
    }

    [Fact]
    public void ACycleInAFlow_IsNamedAtEachStepsAfterLine_AndNoStepOfThatFlowLoads()
    {
        Write("loop.yaml", """
            flow: loop
            steps:
              - id: start
                action: { noop: true }
              - id: a
                after: [{ job: start }, { job: b }]
                action: { noop: true }
              - id: b
                after: [{ job: a }]
                action: { noop: true }
            """);
        Write("other.yaml", "id: other\naction: { noop: true }\n");

        var result = Load();

        Assert.Equal(["other"], result.Jobs.Select(j => j.Job.Id));
        var shown = result.Errors.Select(e => e.ToString()).Order().ToList();
        Assert.Equal(2, shown.Count);
        Assert.EndsWith("loop.yaml:6: steps[1].after: these jobs wait for each other, so none of them could ever run: a → b → a", shown[0], StringComparison.Ordinal);
        Assert.EndsWith("loop.yaml:9: steps[2].after: these jobs wait for each other, so none of them could ever run: a → b → a", shown[1], StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownStepInAfter_IsAnErrorAtItsEntry_AndTheWholeFlowStaysOut()
    {
        Write("eod.yaml", EndOfDay.Replace("{ job: settle }", "{ job: setle }", StringComparison.Ordinal));

        var result = Load();

        Assert.Empty(result.Jobs);
        var error = Assert.Single(result.Errors);
        Assert.Equal(17, error.Line);
        Assert.Equal("steps[3].after[0].job", error.Field);
        Assert.Contains("setle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlowProblems_AreNamedOnceAtTheFlowsOwnFields()
    {
        Write("bad.yaml", """
            flow: bad name
            schedule: { cron: 'not a cron' }
            onFailure: pause
            finishBy: "25:00"
            steps:
              - id: one
                action: { noop: true }
              - id: two
                schedule: { cron: '0 0 1 * * *' }
                action: { noop: true }
                retries: { count: -1 }
            """);

        var result = Load();

        Assert.Empty(result.Jobs);
        var fields = result.Errors.Select(e => (e.Field, e.Line)).ToList();
        Assert.Contains(("flow", (int?)1), fields);
        Assert.Contains(("schedule.cron", (int?)2), fields);
        Assert.Contains(("onFailure", (int?)3), fields);
        Assert.Contains(("finishBy", (int?)4), fields);
        Assert.Contains(("steps[1].schedule", (int?)9), fields);
        Assert.Contains(("steps[1].retries.count", (int?)11), fields);
        Assert.Equal(fields.Count, fields.Distinct().Count());
    }

    [Fact]
    public void AJobFileCannotSetFlow_AndTwoFlowsCannotShareAName()
    {
        Write("a.yaml", EndOfDay);
        Write("b.yaml", EndOfDay.Replace("id: ", "id: b-", StringComparison.Ordinal).Replace("job: ", "job: b-", StringComparison.Ordinal));
        Write("c.yaml", "id: sneaky\naction: { noop: true }\nflow: { name: end-of-day }\n");

        var result = Load();

        Assert.Equal(["extract-ledger", "fx-close", "report", "settle"], result.Jobs.Select(j => j.Job.Id).Order());
        Assert.Contains(result.Errors, e => e.File!.EndsWith("b.yaml", StringComparison.Ordinal) && e.Field == "flow" && e.Message.Contains("a.yaml:1", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.File!.EndsWith("c.yaml", StringComparison.Ordinal) && e.Field == "flow" && e.Line == 3);
    }

    [Fact]
    public void AMisspeltStepField_IsReportedAtItsLine()
    {
        Write("eod.yaml", EndOfDay.Replace("owner: regulatory", "ownr: regulatory", StringComparison.Ordinal));

        var result = Load();

        Assert.Empty(result.Jobs);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("steps[3].ownr", (int?)16), (error.Field, error.Line));
    }
}
