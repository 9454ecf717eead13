using System.Net.Http.Json;
using Kairos.Client;
using Kairos.Client.Contracts;

namespace Kairos.Server.Tests;

/// <summary>
/// A flow file on a real server with real commands: its steps load as jobs, and the flow run for a business date has
/// one state from its steps' runs, with each waiting step saying why.
/// </summary>
public sealed class FlowTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kairos-flow-").FullName;
    private ServerFixture _server = null!;

    private string Effects => Path.Combine(_folder, "effects.txt");

    private string Flag => Path.Combine(_folder, "settle-may-run");

    private string SlowMayEnd => Path.Combine(_folder, "slow-may-end");

    public async Task InitializeAsync()
    {
        var append = $"echo $KAIROS_JOB_ID $KAIROS_BUSINESS_DATE >> {Effects}";
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["end-of-day.yaml"] = $$"""
                flow: end-of-day
                description: The ledger's night
                onFailure: stop
                finishBy: "07:00"
                steps:
                  - id: extract
                    action: { command: { argv: [sh, -c, '{{append}}'] } }
                  - id: fx-close
                    action: { command: { argv: [sh, -c, '{{append}}'] } }
                  - id: settle
                    after: [{ job: extract }, { job: fx-close }]
                    action: { command: { argv: [sh, -c, 'test -f {{Flag}} && {{append}}'] } }
                  - id: report
                    after: [{ job: settle }]
                    action: { command: { argv: [sh, -c, '{{append}}'] } }
                """,
            ["branches.yaml"] = $$"""
                flow: branches
                onFailure: stop
                steps:
                  - id: b-start
                    action: { noop: true }
                  - id: b-bad
                    after: [{ job: b-start }]
                    action: { command: { argv: ['false'] } }
                  - id: b-slow
                    after: [{ job: b-start }]
                    action: { command: { argv: [sh, -c, 'while [ ! -f {{SlowMayEnd}} ]; do sleep 0.05; done'] } }
                  - id: b-side
                    after: [{ job: b-slow }]
                    action: { noop: true }
                """,
            ["slow-night.yaml"] = "flow: slow-night\nsteps:\n  - id: sleeper\n    action: { command: { argv: [sleep, '30'], killGrace: 1s } }\n",
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AFlowRun_FailsOnAFailedStep_ShowsWhyItsDownstreamWaits_AndSucceedsOnceTheStepIsRerun()
    {
        var flows = await _server.Client.ListFlowsAsync();
        Assert.Equal(["branches", "end-of-day", "slow-night"], flows.Select(f => f.Name));
        var flow = flows[1];
        Assert.Equal(("end-of-day", "stop", "07:00", null), (flow.Name, flow.OnFailure, flow.FinishBy, flow.Latest));
        Assert.Equal(["extract", "fx-close", "settle", "report"], flow.Steps.Select(s => s.Id));
        Assert.Equal(["extract", "fx-close"], flow.Steps.Single(s => s.Id == "settle").After);
        var pending = await _server.Client.GetFlowRunAsync("end-of-day", "2026-11-23");
        Assert.Equal("pending", pending.State);
        Assert.Equal("waiting for extract, fx-close (2026-11-23) to end", pending.Steps.Single(s => s.Id == "settle").Why);

        var extract = await _server.Client.TriggerAsync("extract", "2026-11-23", "start the night");
        var fx = await _server.Client.TriggerAsync("fx-close", "2026-11-23", "start the night");
        await _server.WaitForStateAsync(extract.RunId, "succeeded");
        await _server.WaitForStateAsync(fx.RunId, "succeeded");
        var failed = await WaitForFlowAsync(r => r.State == "failed", "the flow run to fail on settle");
        var settle = failed.Steps.Single(s => s.Id == "settle");
        Assert.Equal("failed", settle.State);
        var report = failed.Steps.Single(s => s.Id == "report");
        // Its run exists (created waiting once settle ended) but cannot start: the flow says why.
        Assert.Equal("blocked", report.State);
        Assert.Equal("not started: upstream step settle did not succeed; rerun it to go on", report.Why);
        Assert.Equal("failed", (await _server.Client.ListFlowsAsync()).Single(f => f.Name == "end-of-day").Latest?.State);

        await File.WriteAllTextAsync(Flag, "");
        var rerun = await _server.Client.RerunAsync(settle.RunId!.Value, "the ledger is fixed");
        await _server.WaitForStateAsync(rerun.RunId, "succeeded");
        var done = await WaitForFlowAsync(r => r.State == "succeeded", "the flow run to succeed");

        Assert.Equal(rerun.RunId, done.Steps.Single(s => s.Id == "settle").RunId);
        Assert.All(done.Steps, s => Assert.Equal("succeeded", s.State));
        Assert.Equal(done.Steps.Max(s => s.FinishedAt), done.FinishedAt);
        var effects = await File.ReadAllLinesAsync(Effects);
        Assert.Equal(["settle 2026-11-23", "report 2026-11-23"], effects[2..]);
        Assert.Equal(4, effects.Length);

        // Rerun from settle: settle and report run again for the date, in order; the roots do not.
        var again = (await _server.Client.RerunFlowAsync("end-of-day", "2026-11-23", "settle", "the regulator asked for a fresh report")).Result!;
        Assert.Equal(["settle", "report"], again.Runs.Select(r => r.JobId));
        var rerunDone = await WaitForFlowAsync(r => r.State == "succeeded" && r.Steps.Single(s => s.Id == "report").RunId == again.Runs[1].RunId, "the flow run to succeed again");
        Assert.Equal(again.Runs[0].RunId, rerunDone.Steps.Single(s => s.Id == "settle").RunId);
        Assert.Equal(done.Steps.Single(s => s.Id == "extract").RunId, rerunDone.Steps.Single(s => s.Id == "extract").RunId);
        Assert.Equal(["settle 2026-11-23", "report 2026-11-23"], (await File.ReadAllLinesAsync(Effects))[4..]);
        Assert.True((await _server.Client.GetRunAsync(again.Runs[1].RunId)).StartedAt > (await _server.Client.GetRunAsync(again.Runs[0].RunId)).FinishedAt);
        var audit = await _server.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("api/audit?target=flow:end-of-day");
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal(("flow.rerun", "the regulator asked for a fresh report"), (entry.GetProperty("action").GetString(), entry.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task StopOnFailure_AStepOnAnotherBranchDoesNotStart_UntilTheFailedStepIsRerunAndSucceeds()
    {
        await _server.Client.TriggerAsync("b-start", "2026-11-23", "test");
        var bad = await WaitForStepAsync("branches", "b-bad", s => s.State == "failed");
        // b-slow ends only now, after b-bad failed: its downstream b-side is on another branch, and still does not start.
        await File.WriteAllTextAsync(SlowMayEnd, "");
        await WaitForStepAsync("branches", "b-slow", s => s.State == "succeeded");
        var side = await WaitForStepAsync("branches", "b-side", s => s.RunId is not null && s.Detail is not null);
        const string Stopped = "not started: flow branches stops on failure and step b-bad did not succeed";
        Assert.Equal(("blocked", Stopped, Stopped), (side.State, side.Why, side.Detail)); // the flow's view and the run's own waiting reason agree
        Assert.Equal("failed", (await _server.Client.GetFlowRunAsync("branches", "2026-11-23")).State);

        // b-bad "fixed" by an operator: the flow goes on, b-side runs.
        await _server.Client.MarkSucceededAsync(bad.RunId!.Value, "checked by hand");
        await WaitForStepAsync("branches", "b-side", s => s.State == "succeeded");
        Assert.Equal("succeeded", (await _server.Client.GetFlowRunAsync("branches", "2026-11-23")).State);
    }

    [Fact]
    public async Task BadRequests_AreClearErrors_AndTheApiCannotPutAJobIntoAFlow()
    {
        var unknown = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.GetFlowRunAsync("no-such-flow", "2026-11-23"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.Status);
        var badDate = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.GetFlowRunAsync("end-of-day", "2026-02-30"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badDate.Status);
        Assert.Contains("date", badDate.Errors.Keys);

        // A rerun that names no step, a step the flow does not have, or a step still running: refused, and nothing created.
        var noStep = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.RerunFlowAsync("end-of-day", "2026-11-23", "", "again"));
        Assert.Contains("from", noStep.Errors.Keys);
        var unknownStep = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.RerunFlowAsync("end-of-day", "2026-11-23", "setle", "again"));
        Assert.Contains("'setle' is not a step of flow end-of-day; its steps are extract, fx-close, settle, report", unknownStep.Errors["from"][0], StringComparison.Ordinal);
        var sleeper = await _server.Client.TriggerAsync("sleeper", "2026-11-23", "test");
        await _server.WaitForStateAsync(sleeper.RunId, "running");
        var busy = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.RerunFlowAsync("slow-night", "2026-11-23", "sleeper", "again"));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, busy.Status);
        Assert.Contains($"Step sleeper has not ended for 2026-11-23 (run {sleeper.RunId} is running)", busy.Message, StringComparison.Ordinal);
        Assert.Single(await _server.Client.ListRunsAsync("sleeper"));
        await _server.Client.KillAsync(sleeper.RunId, "test over");

        var sneaky = await _server.Http.PutAsJsonAsync("api/jobs/sneaky", new { action = new { noop = true }, flow = new { name = "end-of-day" } });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, sneaky.StatusCode);
        Assert.Contains("\"flow\"", await sneaky.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(4, (await _server.Client.ListFlowsAsync()).Single(f => f.Name == "end-of-day").Steps.Count);
    }

    private async Task<FlowStepRunDto> WaitForStepAsync(string flow, string step, Func<FlowStepRunDto, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await _server.Client.GetFlowRunAsync(flow, "2026-11-23");
            var found = run.Steps.Single(s => s.Id == step);
            if (done(found)) return found;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"waited 30 s for {step}; {string.Join(", ", run.Steps.Select(s => $"{s.Id} {s.State} {s.Why} {s.Detail}"))}");
            await Task.Delay(50);
        }
    }

    private async Task<FlowRunDto> WaitForFlowAsync(Func<FlowRunDto, bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var run = await _server.Client.GetFlowRunAsync("end-of-day", "2026-11-23");
            if (done(run)) return run;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"waited 30 s for {what}; it is {run.State}: {string.Join(", ", run.Steps.Select(s => $"{s.Id} {s.State} {s.Why}"))}");
            await Task.Delay(50);
        }
    }
}
