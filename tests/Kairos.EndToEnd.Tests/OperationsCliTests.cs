using Kairos.Client;
using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>The CLI's operator actions against a real server process: four eyes, backfill with a preview, skip next.</summary>
public sealed class OperationsCliTests
{
    [Fact]
    public async Task MarkSucceededWaitsForASecondOperator_BackfillPreviewsUnlessConfirmed_SkipNext()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(data, "jobs");
        Directory.CreateDirectory(jobs);
        await File.WriteAllTextAsync(Path.Combine(jobs, "fails.yaml"), "id: fails\naction: { command: { argv: ['false'] } }\n");
        await File.WriteAllTextAsync(Path.Combine(jobs, "daily.yaml"), "id: daily\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n");
        await using var server = await Processes.StartServerAsync(jobs, data, "ops-node", null, "--Kairos:Approvals:Require:0", "run.mark-succeeded");
        Assert.Equal(0, (await Processes.ServerCommandAsync("second operator pw\n", "users", "add", "lee", "--role", "operator", "--password-stdin", "--data", data)).ExitCode);
        var lee = new Dictionary<string, string> { ["KAIROS_TOKEN"] = (await Processes.ServerCommandAsync("", "users", "token", "lee", "--data", data)).Stdout.Trim() };
        var url = server.Address.ToString();

        using var http = server.Http();
        var client = new KairosClient(http);
        var run = await client.TriggerAsync("fails", reason: "set-up");
        for (var i = 0; i < 100 && (await client.GetRunAsync(run.RunId)).State != "failed"; i++) await Task.Delay(100);

        var asked = await server.CliAsync("mark-succeeded", run.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "sent by hand");
        Assert.Equal(7, asked.ExitCode);
        Assert.Contains("waiting for a second person's approval: request 1", asked.Stdout, StringComparison.Ordinal);
        Assert.Equal(6, (await server.CliAsync("approvals", "approve", "1")).ExitCode);
        Assert.Contains("pending", (await server.CliAsync("approvals", "list", "--state", "pending")).Stdout, StringComparison.Ordinal);
        var approved = await Processes.CliAsync(lee, "approvals", "approve", "1", "--reason", "receipt checked", "--server", url);
        Assert.Equal(0, approved.ExitCode);
        Assert.Contains($"request 1 approved: run {run.RunId} marked succeeded", approved.Stdout, StringComparison.Ordinal);
        Assert.Equal("succeeded", (await client.GetRunAsync(run.RunId)).State);

        var preview = await server.CliAsync("backfill", "daily", "--from", "2025-10-01", "--to", "2025-10-10");
        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("2025-10-02 09:00 Asia/Seoul", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 run(s) for business dates 2025-10-01 to 2025-10-10", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("add --yes", preview.Stderr, StringComparison.Ordinal);
        Assert.Empty(await client.ListRunsAsync("daily"));
        var queued = await server.CliAsync("backfill", "daily", "--from", "2025-10-01", "--to", "2025-10-10", "--yes", "--reason", "outage");
        Assert.Equal(0, queued.ExitCode);
        Assert.Contains("3 run(s) queued", queued.Stdout, StringComparison.Ordinal);
        var bad = await server.CliAsync("backfill", "daily", "--from", "2025-10-10", "--to", "2025-10-01");
        Assert.Equal(4, bad.ExitCode);

        var skipped = await server.CliAsync("skip-next", "daily", "--reason", "partner closed");
        Assert.Equal(0, skipped.ExitCode);
        Assert.Contains("will be skipped", skipped.Stdout, StringComparison.Ordinal);
    }
}
