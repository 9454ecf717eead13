using System.Net.Http.Json;
using Kairos.Client;
using Kairos.Client.Contracts;

namespace Kairos.Server.Tests;

/// <summary>
/// Jobs after other jobs and conditions, per business date, on a real server with real commands: each step runs once for
/// its business date, in order; a failed step holds its downstream back until a rerun succeeds; a condition releases the
/// step waiting for it; a slot that waits too long is skipped with reason dependency-timeout.
/// </summary>
public sealed class DependencyTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kairos-deps-").FullName;
    private ServerFixture _server = null!;

    private string Effects => Path.Combine(_folder, "effects.txt");

    private string Flag => Path.Combine(_folder, "settle-may-run");

    public async Task InitializeAsync()
    {
        string Step(string id, string after, string command) =>
            $"id: {id}\n{after}action: {{ command: {{ argv: [sh, -c, '{command}'] }} }}\n";
        var append = $"echo $KAIROS_JOB_ID $KAIROS_BUSINESS_DATE >> {Effects}";
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["extract.yaml"] = Step("extract", "", append),
            ["settle.yaml"] = Step("settle", "after: [{ job: extract }]\n", $"test -f {Flag} && {append}"),
            ["report.yaml"] = Step("report", "after: [{ job: settle }]\n", append),
            ["load.yaml"] = Step("load", "after: [{ job: extract }, { condition: core-eod-file }]\n", append),
            ["never.yaml"] = "id: never\naction: { noop: true }\n",
            ["night.yaml"] = "id: night\nschedule: { cron: '*/2 * * * * *', timeZone: UTC }\nafter: [{ job: never }]\nwaitUntil: 1s\naction: { noop: true }\n",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AChain_RunsEachStepOnceInOrder_AFailedStepHoldsItsDownstream_UntilItsRerunSucceeds()
    {
        var extract = await _server.Client.TriggerAsync("extract", "2026-11-23", "start the chain");
        await _server.WaitForStateAsync(extract.RunId, "succeeded");

        var settle = await WaitForRunAsync("settle", r => r.State == "failed", "settle's first attempt to fail");
        Assert.Equal(("dependency", "2026-11-23"), (settle.Trigger, settle.BusinessDate));
        var report = await WaitForRunAsync("report", r => r.State == "waiting" && r.Detail is not null, "report to wait for settle");
        Assert.Equal("waiting for settle 2026-11-23 to have succeeded (its latest run: failed)", report.Detail);

        await File.WriteAllTextAsync(Flag, "");
        var rerun = await _server.Client.RerunAsync(settle.Id, "the ledger is fixed");
        await _server.WaitForStateAsync(rerun.RunId, "succeeded");
        var done = await _server.WaitForStateAsync(report.Id, "succeeded");

        Assert.Equal(["extract 2026-11-23", "settle 2026-11-23", "report 2026-11-23"], await File.ReadAllLinesAsync(Effects));
        Assert.True(done.StartedAt > (await _server.Client.GetRunAsync(rerun.RunId)).FinishedAt);
        Assert.Single(await _server.Client.ListRunsAsync("report"));
        var events = await _server.Client.GetRunEventsAsync(report.Id);
        Assert.Contains(events, e => e is { From: "waiting", To: "scheduled" } && e.Detail!.StartsWith("dependencies met: settle 2026-11-23", StringComparison.Ordinal));

        // The grid shows the date as it ended: settle's rerun succeeded, after one failure; never ran has an empty row.
        var grid = await _server.Client.GetDateGridAsync(until: "2026-11-23");
        Assert.Equal("2026-11-23", grid.Dates[^1]);
        var settleCell = grid.Jobs.Single(j => j.JobId == "settle").Cells.Single();
        Assert.Equal(("2026-11-23", rerun.RunId, "succeeded", 2, 1), (settleCell.BusinessDate, settleCell.RunId, settleCell.State, settleCell.Runs, settleCell.Failed));
        Assert.Empty(grid.Jobs.Single(j => j.JobId == "never").Cells);
        Assert.Equal(["extract", "load", "never", "night", "report", "settle"], grid.Jobs.Select(j => j.JobId));
    }

    [Theory]
    [InlineData(0, null, "days")]
    [InlineData(91, null, "days")]
    [InlineData(null, "2026-13-01", "until")]
    public async Task TheGrid_BadRange_ClearErrorNamingTheField(int? days, string? until, string field)
    {
        var e = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.GetDateGridAsync(days, until));
        Assert.Equal((System.Net.HttpStatusCode.BadRequest, "validation"), (e.Status, e.Code));
        Assert.Equal([field], e.Errors.Keys);
    }

    [Fact]
    public async Task AStepWaitsForItsCondition_ForItsOwnBusinessDate_AndARemovedConditionReleasesNothing()
    {
        await _server.Client.SetConditionAsync("core-eod-file", "2026-11-24", "arrived, then found incomplete");
        await _server.Client.RemoveConditionAsync("core-eod-file", "2026-11-24", "the file was incomplete");
        await _server.Client.SetConditionAsync("core-eod-file", "2026-11-20", "last week's file");

        var extract = await _server.Client.TriggerAsync("extract", "2026-11-24", "start");
        await _server.WaitForStateAsync(extract.RunId, "succeeded");
        var load = await WaitForRunAsync("load", r => r.State == "waiting" && r.Detail is not null, "load to wait for its condition");
        Assert.Equal("waiting for condition core-eod-file for 2026-11-24", load.Detail);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two dependency passes: still waiting
        Assert.Equal("waiting", (await _server.Client.GetRunAsync(load.Id)).State);

        var explain = await _server.Client.ExplainAsync("load", 0, 5, "2026-11-24");
        Assert.Equal("2026-11-24", explain.DependencyDate);
        Assert.Equal([("extract", true), ("core-eod-file", false)], explain.Dependencies!.Select(d => (d.Job ?? d.Condition, d.Met)));

        var set = await _server.Client.SetConditionAsync("core-eod-file", "2026-11-24", "the complete file arrived");
        Assert.True(set.Created);
        await _server.WaitForStateAsync(load.Id, "succeeded");
        Assert.Contains("load 2026-11-24", await File.ReadAllLinesAsync(Effects));
        Assert.Equal(["2026-11-20", "2026-11-24"], (await _server.Client.ListConditionsAsync("2026-11-01", "2026-11-30")).Select(c => c.BusinessDate));
    }

    [Fact]
    public async Task AScheduledSlot_WaitsVisibly_ThenIsSkippedWithDependencyTimeout()
    {
        await WaitForRunAsync("night", r => r.State == "waiting" && r.Detail?.StartsWith("waiting for never ", StringComparison.Ordinal) == true, "a slot waiting for never");
        var skipped = await WaitForRunAsync("night", r => r.State == "skipped", "a slot timed out");
        Assert.Equal("dependency-timeout", skipped.SkipReason);
        Assert.Contains("(waitUntil)", skipped.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadConditions_AreRefusedWithTheField_AndChangeNothing()
    {
        var bad = await _server.Http.PutAsJsonAsync("api/conditions/Core EOD/2026-11-24", new ActionRequest("x"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"name\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noReason = await _server.Http.PutAsJsonAsync("api/conditions/core-eod/2026-11-24", new ActionRequest(null));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, noReason.StatusCode);
        var badDate = await _server.Http.PutAsJsonAsync("api/conditions/core-eod/2026-13-01", new ActionRequest("x"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badDate.StatusCode);
        var missing = await _server.Http.DeleteAsync("api/conditions/core-eod/2026-11-24?reason=x");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty(await _server.Client.ListConditionsAsync("2026-11-01", "2026-11-30"));
    }

    [Fact]
    public async Task AJobPutThroughTheApi_ThatClosesACycleOrNamesNoJob_IsRefusedWithTheField_AndChangesNothing()
    {
        var cycle = await _server.Http.PutAsJsonAsync("api/jobs/extract", new JobDefinition
        {
            Id = "extract", Action = new ActionDefinition { Noop = true }, After = [new AfterDefinition { Job = "report" }],
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, cycle.StatusCode);
        var text = await cycle.Content.ReadAsStringAsync();
        Assert.Contains("\"after\"", text, StringComparison.Ordinal);
        Assert.Contains("extract → report → settle → extract", text, StringComparison.Ordinal);
        Assert.Null((await _server.Client.GetJobAsync("extract")).Definition.After);

        var unknown = await _server.Http.PutAsJsonAsync("api/jobs/orphan", new JobDefinition
        {
            Id = "orphan", Action = new ActionDefinition { Noop = true }, After = [new AfterDefinition { Job = "no-such-job" }],
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("after[0].job", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await _server.Client.ListJobsAsync(), j => j.Id == "orphan");
    }

    private async Task<RunDto> WaitForRunAsync(string job, Func<RunDto, bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var runs = await _server.Client.ListRunsAsync(job);
            if (runs.FirstOrDefault(done) is { } found) return found;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"waited 30 s for {what}; {job} has {string.Join(", ", runs.Select(r => $"{r.Id} {r.State} {r.Detail}"))}");
            await Task.Delay(50);
        }
    }
}
