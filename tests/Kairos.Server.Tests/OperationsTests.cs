using System.Net;
using System.Net.Http.Json;
using Kairos.Client;
using Kairos.Client.Contracts;
using Kairos.Core.Access;

namespace Kairos.Server.Tests;

/// <summary>Mark succeeded, skip the next slot and backfill, each done directly (no approval configured).</summary>
public sealed class OperationsTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["fails.yaml"] = "id: fails\nowner: settlement\naction: { command: { argv: ['false'] } }\n",
        ["daily.yaml"] = "id: daily\nowner: settlement\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MarkSucceeded_FailedRun_BecomesSucceededWithReasonEventAndAudit()
    {
        var created = await _server.Client.TriggerAsync("fails", reason: "test");
        await _server.WaitForStateAsync(created.RunId, "failed");

        var viewer = new KairosClient(await _server.ClientAsAsync(Role.Viewer));
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => viewer.MarkSucceededAsync(created.RunId, "no"))).Status);
        var operatorClient = new KairosClient(await _server.ClientAsAsync(Role.Operator));
        Assert.Equal("validation", (await Assert.ThrowsAsync<KairosApiException>(() => operatorClient.MarkSucceededAsync(created.RunId, " "))).Code);
        Assert.Equal("failed", (await _server.Client.GetRunAsync(created.RunId)).State);

        var result = await operatorClient.MarkSucceededAsync(created.RunId, "file was sent by hand");
        Assert.Null(result.Approval);
        Assert.Equal("succeeded", result.Result!.State);
        var last = (await _server.Client.GetRunEventsAsync(created.RunId))[^1];
        Assert.Equal(("failed", "succeeded"), (last.From, last.To));
        Assert.Equal("marked succeeded by operator-: file was sent by hand", last.Detail);
        var audit = Assert.Single((await _server.Http.GetFromJsonAsync<List<Kairos.Core.Ports.AuditEntry>>($"api/audit?target=run:{created.RunId}"))!, a => a.Action == "run.mark-succeeded");
        Assert.Equal(("failed", "succeeded", "file was sent by hand"), (audit.Before, audit.After, audit.Reason));

        var again = await Assert.ThrowsAsync<KairosApiException>(() => operatorClient.MarkSucceededAsync(created.RunId, "twice"));
        Assert.Equal("conflict", again.Code);
    }

    [Fact]
    public async Task SkipNext_TwiceSkipsTheNextTwoRunnableSlots_ExplainShowsOperatorReason()
    {
        var before = (await _server.Client.ExplainAsync("daily", next: 10)).Next.Where(s => s.WillRun).ToList();
        var first = await _server.Client.SkipNextAsync("daily", "partner closed tomorrow");
        var second = await _server.Client.SkipNextAsync("daily", "and the day after");
        Assert.Equal(before[0].SlotTime, first.Result!.SlotTime);
        Assert.Equal(before[1].SlotTime, second.Result!.SlotTime);
        Assert.Equal(("skipped", "operator"), (first.Result.State, first.Result.SkipReason));

        var after = (await _server.Client.ExplainAsync("daily", next: 10)).Next;
        var skipped = after.Single(s => s.SlotTime == before[0].SlotTime);
        Assert.False(skipped.WillRun);
        Assert.Equal("operator", skipped.SkipReason);
        Assert.Equal("skipped by tester: partner closed tomorrow", skipped.Detail);
        Assert.True(after.Single(s => s.SlotTime == before[2].SlotTime).WillRun);
    }

    [Fact]
    public async Task Backfill_PreviewShowsBusinessDatesOnly_ConfirmRunsEach_RepeatCreatesNothing()
    {
        // Chuseok 2025: 10-03 개천절, 10-05..10-07 추석, 10-08 대체공휴일, 10-09 한글날.
        var preview = await _server.Client.PreviewBackfillAsync("daily", "2025-10-01", "2025-10-10");
        Assert.False(preview.Confirmed);
        Assert.Empty(preview.CreatedRunIds);
        Assert.Equal(["2025-10-01", "2025-10-02", "2025-10-10"], preview.Slots.Select(s => s.BusinessDate));
        Assert.All(preview.Slots, s => Assert.True(s.WillRun));
        Assert.Equal("2025-10-01 09:00 Asia/Seoul", preview.Slots[0].SlotLocal);
        Assert.Empty(await _server.Client.ListRunsAsync("daily"));

        var done = await _server.Client.BackfillAsync("daily", "2025-10-01", "2025-10-10", "partner asked for the missing days");
        Assert.Equal(3, done.Result!.CreatedRunIds.Count);
        foreach (var id in done.Result.CreatedRunIds) await _server.WaitForStateAsync(id, "succeeded");
        var runs = await _server.Client.ListRunsAsync("daily");
        Assert.Equal(["2025-10-01", "2025-10-02", "2025-10-10"], runs.OrderBy(r => r.Id).Select(r => r.BusinessDate));
        Assert.All(runs, r => Assert.Equal("backfill", r.Trigger));

        var repeat = await _server.Client.PreviewBackfillAsync("daily", "2025-10-01", "2025-10-10");
        Assert.All(repeat.Slots, s => Assert.False(s.WillRun));
        Assert.Empty((await _server.Client.BackfillAsync("daily", "2025-10-01", "2025-10-10", "again")).Result!.CreatedRunIds);
    }

    [Theory]
    [InlineData("2025-10-10", "2025-10-01")]
    [InlineData("2024-01-01", "2025-06-01")]
    [InlineData("2025-13-01", "2025-10-01")]
    [InlineData("2025-10-01", "2099-01-01")]
    public async Task Backfill_BadRange_400AndNothingCreated(string from, string to)
    {
        var e = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.BackfillAsync("daily", from, to, "bad range"));
        Assert.Equal("validation", e.Code);
        Assert.Empty(await _server.Client.ListRunsAsync("daily"));
    }

    [Fact]
    public async Task SkipNextAndBackfill_JobWithoutSchedule_Conflict()
    {
        Assert.Equal("conflict", (await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.SkipNextAsync("fails", "x"))).Code);
        Assert.Equal("conflict", (await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.PreviewBackfillAsync("fails", "2025-10-01", "2025-10-02"))).Code);
    }
}
