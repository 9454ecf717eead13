using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Core.Ports;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>What the API says about jobs (schedule in words, why a slot is skipped, what is wrong with a definition) follows Accept-Language.</summary>
public sealed class JobTextsLanguageTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["settle.yaml"] = "id: settle\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
        ["on-errors.yaml"] = "id: on-errors\ntrigger: { topic: fx.errors }\naction: { command: { argv: [echo, error] } }\n",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string language, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await _server.Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string? Schedule(JsonElement jobs, string id) => jobs.EnumerateArray().Single(j => j.GetProperty("id").GetString() == id).GetProperty("schedule").GetString();

    [Fact]
    public async Task ScheduleAndSkipDetails_InTheRequestsLanguage()
    {
        var ko = await SendAsync(HttpMethod.Get, "api/jobs", "ko-KR,ko;q=0.9");
        var en = await SendAsync(HttpMethod.Get, "api/jobs", "en");
        Assert.Equal("0 9 * * * (Asia/Seoul), KR-BANK 기준 영업일", Schedule(ko, "settle"));
        Assert.Equal("0 9 * * * (Asia/Seoul), business days of KR-BANK", Schedule(en, "settle"));
        Assert.Equal("fx.errors 토픽의 메시지마다", Schedule(ko, "on-errors"));
        Assert.Equal("on each message from fx.errors", Schedule(en, "on-errors"));

        // Seven days always hold a weekend: its slot is skipped, and the reason code is the same in both languages.
        var koSlots = (await SendAsync(HttpMethod.Get, "api/jobs/settle/explain?next=7", "ko")).GetProperty("next").EnumerateArray().ToList();
        var enSlots = (await SendAsync(HttpMethod.Get, "api/jobs/settle/explain?next=7", "en")).GetProperty("next").EnumerateArray().ToList();
        var koSkipped = koSlots.First(s => !s.GetProperty("willRun").GetBoolean());
        var enSkipped = enSlots.First(s => !s.GetProperty("willRun").GetBoolean());
        Assert.Equal(enSkipped.GetProperty("skipReason").GetString(), koSkipped.GetProperty("skipReason").GetString());
        Assert.Matches("^[0-9-]+은\\(는\\) KR-BANK의 영업일이 아닙니다: (토|일)요일$", koSkipped.GetProperty("detail").GetString());
        Assert.Matches("^[0-9-]+ is not a business day on KR-BANK: (Saturday|Sunday)$", enSkipped.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PastSkippedSlot_StoredAsACode_ReadInEachLanguage_AndOldTextAsWritten()
    {
        // Last month's slot, skipped for Chuseok by a planner that stored its reason as a code; and one stored as
        // English text by an earlier version.
        var store = _server.App.Services.GetRequiredService<IKairosStore>();
        var chuseok = Reason.Of(ReasonCodes.NotBusinessDay, "2026-09-25", "KR-BANK", new NameArg("Chuseok (추석)", "추석"));
        var slot = new DateTimeOffset(2026, 9, 25, 0, 0, 0, TimeSpan.Zero);
        await store.Runs.AddSlotRunsAsync(
        [
            new NewRun("settle", slot, TriggerKind.Time, new DateOnly(2026, 9, 25), slot, RunState.Skipped, SkipReason.NotBusinessDay, StoredReason.Write(chuseok)),
            new NewRun("settle", slot.AddDays(1), TriggerKind.Time, new DateOnly(2026, 9, 26), slot.AddDays(1), RunState.Skipped, SkipReason.NotBusinessDay, "2026-09-26 is not a business day on KR-BANK: Saturday"),
        ], slot);
        string Detail(JsonElement runs, DateOnly date) => runs.EnumerateArray().Single(r => r.GetProperty("businessDate").GetString() == $"{date:yyyy-MM-dd}").GetProperty("detail").GetString()!;

        var ko = await SendAsync(HttpMethod.Get, "api/runs?job=settle&limit=50", "ko");
        var en = await SendAsync(HttpMethod.Get, "api/runs?job=settle&limit=50", "en");

        Assert.Equal("2026-09-25은(는) KR-BANK의 영업일이 아닙니다: 추석", Detail(ko, new DateOnly(2026, 9, 25)));
        Assert.Equal("2026-09-25 is not a business day on KR-BANK: Chuseok (추석)", Detail(en, new DateOnly(2026, 9, 25)));
        Assert.Equal("2026-09-26 is not a business day on KR-BANK: Saturday", Detail(ko, new DateOnly(2026, 9, 26)));
    }

    [Fact]
    public async Task InvalidDefinition_SameFieldsInBothLanguages_NothingSaved()
    {
        var definition = new { id = "late", schedule = new { cron = "0 25 * * *", timeZone = "Mars/Base" }, action = new { noop = true } };
        var ko = await SendAsync(HttpMethod.Put, "api/jobs/late", "ko", definition);
        var en = await SendAsync(HttpMethod.Put, "api/jobs/late", "en", definition);
        Assert.Equal("validation", ko.GetProperty("code").GetString());
        Assert.Equal(en.GetProperty("errors").EnumerateObject().Select(p => p.Name), ko.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("시 필드 '25': 25은(는) 0~23 범위를 벗어납니다.", ko.GetProperty("errors").GetProperty("schedule.cron")[0].GetString());
        Assert.Equal("The hour field '25' has 25, outside 0-23.", en.GetProperty("errors").GetProperty("schedule.cron")[0].GetString());
        Assert.StartsWith("알 수 없는 시간대 'Mars/Base'", ko.GetProperty("errors").GetProperty("schedule.timeZone")[0].GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await _server.Client.ListJobsAsync()), j => j.Id == "late");
    }
}
