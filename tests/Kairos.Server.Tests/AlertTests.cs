using System.Text.Json;
using Kairos.Client.Contracts;
using Kairos.Server.Hosting;

namespace Kairos.Server.Tests;

/// <summary>Alerts reach real webhooks, in both formats, once per run and reason however many checks run.</summary>
public sealed class AlertTests : IAsyncLifetime
{
    private RecordingReceiver _hook = null!;
    private ServerFixture _server = null!;

    public async Task InitializeAsync()
    {
        _hook = await RecordingReceiver.StartAsync();
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["fails.yaml"] = "id: fails\naction: { command: { argv: ['false'] } }\n",
            ["night.yaml"] = "flow: night\nfinishBy: 1s\nsteps:\n  - id: kick\n    action: { noop: true }\n  - id: crawl\n    after: [{ job: kick }]\n    action: { command: { argv: [sleep, '30'], killGrace: 1s } }\n",
            ["slow.yaml"] = "id: slow\nschedule: { cron: '0 9 * * *' }\naction: { command: { argv: [sleep, '30'], killGrace: 1s } }\nsla: { startWithin: 1s, maxDuration: 1s }\n",
        }, extraArgs:
        [
            "--Kairos:Alerts:CheckInterval", "00:00:00.200",
            "--Kairos:Alerts:ConsoleUrl", "https://kairos.example/",
            "--Kairos:Alerts:Webhooks:0:Name", "ops", "--Kairos:Alerts:Webhooks:0:Url", new Uri(_hook.Address, "ops").ToString(),
            "--Kairos:Alerts:Webhooks:1:Name", "slack", "--Kairos:Alerts:Webhooks:1:Url", new Uri(_hook.Address, "slack").ToString(),
            "--Kairos:Alerts:Webhooks:1:Format", "slack", "--Kairos:Alerts:Webhooks:1:On:0", "failed",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _hook.DisposeAsync();
    }

    [Fact]
    public async Task FailedRun_OneJsonAndOneSlackAlert_NeverRepeated()
    {
        var run = await _server.Client.TriggerAsync("fails", reason: "test");
        await _server.WaitForStateAsync(run.RunId, "failed");
        var seen = await _hook.WaitForAsync(r => r.Count >= 2);
        await Task.Delay(1000); // five more checks
        Assert.Equal(2, _hook.Requests.Count);

        using var json = JsonDocument.Parse(seen.Single(r => r.Path == "/ops").Body);
        Assert.Equal(("failed", "fails", run.RunId, "failed"), (json.RootElement.GetProperty("kind").GetString(), json.RootElement.GetProperty("job").GetString(),
            json.RootElement.GetProperty("runId").GetInt64(), json.RootElement.GetProperty("state").GetString()));
        Assert.Equal($"https://kairos.example/#/runs/{run.RunId}", json.RootElement.GetProperty("url").GetString());
        using var slack = JsonDocument.Parse(seen.Single(r => r.Path == "/slack").Body);
        Assert.StartsWith($":red_circle: Kairos failed: run {run.RunId} of fails failed", slack.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);

        var alerts = await _server.Client.ListAlertsAsync(run.RunId);
        Assert.Equal(["ops", "slack"], alerts.Select(a => a.Webhook).Order());
        Assert.All(alerts, a => Assert.Equal("sent", a.Delivery));
    }

    [Fact]
    public async Task SlowJob_LongRunningAlert_AndTheBackfillRunWaitingBehindItStartsLate_JsonOnly()
    {
        // Two backfilled days: under overlap forbid the second waits for the first, past its one-second start SLA.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        var created = (await _server.Client.BackfillAsync("slow", $"{today.AddDays(-3):yyyy-MM-dd}", $"{today.AddDays(-2):yyyy-MM-dd}", "test")).Result!.CreatedRunIds;
        var (first, second) = (new { RunId = created[0] }, new { RunId = created[1] });
        await _server.WaitForStateAsync(first.RunId, "running");
        var seen = await _hook.WaitForAsync(r => r.Any(x => x.Body.Contains("long-running", StringComparison.Ordinal)) && r.Any(x => x.Body.Contains("late-start", StringComparison.Ordinal)));
        Assert.All(seen, r => Assert.Equal("/ops", r.Path));
        Assert.Contains(seen, r => r.Body.Contains($"\"runId\":{first.RunId}", StringComparison.Ordinal) && r.Body.Contains("long-running", StringComparison.Ordinal));
        Assert.Contains(seen, r => r.Body.Contains($"\"runId\":{second.RunId}", StringComparison.Ordinal) && r.Body.Contains("late-start", StringComparison.Ordinal));
        // The waiting run goes first: killing the running one first lets the other start while it is being cancelled.
        await _server.Client.KillAsync(second.RunId, "test over");
        await _server.Client.KillAsync(first.RunId, "test over");
    }

    [Fact]
    public async Task AFlowRunPastItsFinishBy_OneFlowLateAlert_OnItsFirstRootRun()
    {
        var kick = await _server.Client.TriggerAsync("kick", "2026-11-23", "test");
        await _hook.WaitForAsync(r => r.Any(x => x.Body.Contains("flow-late", StringComparison.Ordinal)));
        await Task.Delay(1000); // five more checks
        var seen = await _hook.WaitForAsync(_ => true);
        var late = Assert.Single(seen, r => r.Body.Contains("flow-late", StringComparison.Ordinal));
        Assert.Equal("/ops", late.Path);
        using var json = JsonDocument.Parse(late.Body);
        Assert.Equal(("kick", kick.RunId), (json.RootElement.GetProperty("job").GetString(), json.RootElement.GetProperty("runId").GetInt64()));
        Assert.StartsWith("flow night for 2026-11-23 has not finished by ", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("(Asia/Seoul); it is running", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        var crawl = Assert.Single(await _server.Client.ListRunsAsync("crawl"));
        await _server.Client.KillAsync(crawl.Id, "test over");
    }

    [Fact]
    public async Task UndeliverableWebhook_RecordedAsFailed_WithTheReason()
    {
        _hook.Status = 503;
        var run = await _server.Client.TriggerAsync("fails", reason: "test");
        await _server.WaitForStateAsync(run.RunId, "failed");
        AlertDto? failed = null;
        for (var i = 0; i < 200 && failed is null; i++)
        {
            failed = (await _server.Client.ListAlertsAsync(run.RunId)).FirstOrDefault(a => a.Webhook == "ops" && a.Delivery == "failed");
            await Task.Delay(50);
        }
        Assert.NotNull(failed);
        Assert.Contains("503", failed.Error, StringComparison.Ordinal);
        Assert.Equal(3, _hook.Requests.Count(r => r.Path == "/ops")); // the first try and two retries
    }

    [Fact]
    public void BadWebhookSettings_ServerRefusesToStart_NamingTheKey()
    {
        var e = Assert.Throws<InvalidOperationException>(() => KairosServer.Build(["--url", "http://127.0.0.1:0",
            "--Kairos:Alerts:Webhooks:0:Name", "ops", "--Kairos:Alerts:Webhooks:0:Url", "ftp://nope", "--Kairos:Alerts:Webhooks:0:On:0", "exploded"]));
        Assert.Contains("Kairos:Alerts:Webhooks:0:Url", e.Message, StringComparison.Ordinal);
        Assert.Contains("'exploded'", e.Message, StringComparison.Ordinal);
    }
}
