using System.Net;
using Kairos.Calendars.Client;
using Kairos.Client;

namespace Kairos.Server.Tests;

public sealed class CalendarApiTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private CalendarClient _calendars = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["settle.yaml"] = "id: settle\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
        });
        _calendars = new CalendarClient(_server.Http);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task IsBusinessDay_NamesTheHoliday_InBothLanguages()
    {
        var answer = await _calendars.IsBusinessDayAsync("KR", new DateOnly(2026, 9, 25));
        Assert.False(answer.BusinessDay);
        Assert.Equal("추석", answer.Holiday!.NameKo);
        Assert.Equal("Chuseok", answer.Holiday.Name);
        Assert.Equal(new DateOnly(2026, 9, 28), answer.NextBusinessDay);
        Assert.Equal(new DateOnly(2026, 12, 30), (await _calendars.AddAsync("KRX", new DateOnly(2026, 12, 29), 1)).Date);
        Assert.Equal(new DateOnly(2026, 10, 30), (await _calendars.NthAsync("KR", 2026, 10, -1)).Date);
        // September 2026: 22 weekdays less Chuseok eve and Chuseok (the day after is a Saturday).
        Assert.Equal(20, (await _calendars.CountAsync("KR", new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1))).BusinessDays);
    }

    [Fact]
    public async Task BadInput_IsAClearErrorNamingTheField()
    {
        var unknown = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.IsBusinessDayAsync("MARS", new DateOnly(2026, 1, 1)));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("KRX", unknown.Message, StringComparison.Ordinal);

        var response = await _server.Http.GetAsync(new Uri("api/calendars/KR/is-business-day/2026-02-30", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'2026-02-30' is not a date", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noReason = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.SetDayAsync("KR", new OverrideRequest("2026-12-10", false, "x", null, null, null)));
        Assert.Contains("reason", noReason.Errors.Keys);
        Assert.Empty(await _calendars.HistoryAsync("KR"));
    }

    [Fact]
    public async Task Override_OnKr_ClosesBanksAndTheExchange_IsKeptInHistory_AndCanBeReverted()
    {
        var day = new DateOnly(2026, 12, 10);
        var entry = await _calendars.SetDayAsync("kr", new OverrideRequest("2026-12-10", false, "Temporary holiday", "임시공휴일", "cabinet decision", "관보 2026-11-20"));
        Assert.Equal("KR", entry.Calendar);
        Assert.False((await _calendars.IsBusinessDayAsync("KRX", day)).BusinessDay);
        Assert.Equal("임시공휴일", (await _calendars.IsBusinessDayAsync("KR-BANK", day)).Holiday!.NameKo);

        await _calendars.RevertDayAsync("KR", day, "announcement withdrawn");
        Assert.True((await _calendars.IsBusinessDayAsync("KRX", day)).BusinessDay);
        var history = await _calendars.HistoryAsync("KR");
        Assert.Equal(["non-business-day", "revert"], history.Select(h => h.Action));
        Assert.Equal("tester", history[0].Actor.Split('@')[0]);
        Assert.Equal("관보 2026-11-20", history[0].Source);
        Assert.Equal([false, true], history.Select(h => h.InForce));
        using var audit = System.Text.Json.JsonDocument.Parse(await _server.Http.GetStringAsync(new Uri("api/audit?target=calendar:KR", UriKind.Relative)));
        Assert.Equal(["calendar.revert", "calendar.override"], audit.RootElement.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task OverrideOnBank_IsListedOnKrx_AsInherited_AndKrxDaysNameTheLayer()
    {
        var day = new DateOnly(2026, 12, 10);
        await _calendars.SetDayAsync("KR-BANK", new OverrideRequest("2026-12-10", false, "System migration", "전산 전환", "core banking cut-over", null));

        var inherited = Assert.Single(await _calendars.OverridesAsync("KRX"));
        Assert.Equal(("KR-BANK", day, true, true), (inherited.Calendar, inherited.Date, inherited.Inherited, inherited.InForce));
        Assert.False(Assert.Single(await _calendars.OverridesAsync("KR-BANK")).Inherited);
        Assert.Empty(await _calendars.OverridesAsync("KR"));
        var krx = (await _calendars.ListAsync()).Single(c => c.Id == "KRX");
        Assert.Equal((0, 1), (krx.Overrides, krx.InheritedOverrides));
        Assert.Equal(["KR", "KR-BANK", "KRX"], krx.Layers);

        var answer = await _calendars.IsBusinessDayAsync("KRX", day);
        Assert.Equal((false, "KR-BANK", true, "KR-BANK"), (answer.BusinessDay, answer.Layer, answer.Overridden, answer.Holiday!.Layer));
        var month = await _calendars.MonthAsync("KRX", 2026, 12);
        Assert.Equal(("KR-BANK", true), (month.Days[9].Layer, month.Days[9].Overridden));
        Assert.Equal(("KR", false), (month.Days[24].Layer, month.Days[24].Overridden)); // Christmas
        Assert.Equal(("KRX", false), (month.Days[30].Layer, month.Days[30].Overridden)); // the year-end closing
        Assert.Null(month.Days[8].Layer);
        var holidays = await _calendars.HolidaysAsync("KRX", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));
        Assert.Equal([("2026-12-10", "KR-BANK"), ("2026-12-25", "KR"), ("2026-12-31", "KRX")], holidays.Select(h => ($"{h.Date:yyyy-MM-dd}", h.Layer)));
    }

    [Fact]
    public async Task OverrideOnKrx_TakesOverFromTheInheritedOne_WhichStaysInTheHistory()
    {
        var day = new DateOnly(2026, 12, 10);
        await _calendars.SetDayAsync("KR", new OverrideRequest("2026-12-10", false, "Temporary holiday", "임시공휴일", "cabinet decision", null));
        Assert.Equal(("KR", true), ((await _calendars.IsBusinessDayAsync("KRX", day)).Layer, (await _calendars.IsBusinessDayAsync("KRX", day)).Overridden));

        await _calendars.SetDayAsync("KRX", new OverrideRequest("2026-12-10", true, null, null, "the exchange trades anyway", null));
        var answer = await _calendars.IsBusinessDayAsync("KRX", day);
        Assert.Equal((true, "KRX", true), (answer.BusinessDay, answer.Layer, answer.Overridden));
        Assert.False((await _calendars.IsBusinessDayAsync("KR-BANK", day)).BusinessDay);
        var opened = Assert.Single(await _calendars.HolidaysAsync("KRX", day, day, includeWeekends: true));
        Assert.Equal((true, "KRX"), (opened.BusinessDay, opened.Layer));

        var history = await _calendars.HistoryAsync("KRX");
        Assert.Equal([("KR", true, false), ("KRX", false, true)], history.Select(e => (e.Calendar, e.Inherited, e.InForce)));
        Assert.Equal("KRX", Assert.Single(await _calendars.OverridesAsync("KRX")).Calendar);
        var list = await _calendars.ListAsync();
        Assert.Equal((1, 0), list.Where(c => c.Id == "KRX").Select(c => (c.Overrides, c.InheritedOverrides)).Single());
        Assert.Equal((0, 1), list.Where(c => c.Id == "KR-BANK").Select(c => (c.Overrides, c.InheritedOverrides)).Single());

        // Once KRX's own word is reverted, KR's override decides the day again.
        await _calendars.RevertDayAsync("KRX", day, "trading cancelled");
        Assert.Equal(("KR", true), ((await _calendars.IsBusinessDayAsync("KRX", day)).Layer, Assert.Single(await _calendars.OverridesAsync("KRX")).Inherited));
        Assert.Equal([true, false, true], (await _calendars.HistoryAsync("KRX")).Select(e => e.InForce));
    }

    [Fact]
    public async Task Import_BadRow_NamesTheLine_AndChangesNothing()
    {
        const string csv = "date,business_day,name\n2026-12-09,Y,\n2026-12-10,maybe,임시공휴일\n2026-12-11,N,창립기념일\n";
        var e = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.ImportAsync("KR-BANK", csv, apply: true, "core.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Contains("line 3", e.Errors.Keys);
        Assert.Contains("core.csv:3: business_day", e.Errors["line 3"][0], StringComparison.Ordinal);
        Assert.Empty(await _calendars.HistoryAsync("KR-BANK"));
        Assert.True((await _calendars.IsBusinessDayAsync("KR-BANK", new DateOnly(2026, 12, 11))).BusinessDay);
    }

    [Fact]
    public async Task Import_PreviewsChangedDaysAndSlots_ThenApplies()
    {
        // The table opens nothing new on 9 Dec, closes 10 Dec, and agrees that Christmas is closed.
        const string csv = "2026-12-09,Y,\n2026-12-10,N,임시공휴일\n2026-12-25,N,기독탄신일\n";
        var now = DateTimeOffset.UtcNow;
        var preview = await _calendars.ImportAsync("KR-BANK", csv, apply: false, "core.csv");
        Assert.False(preview.Applied);
        Assert.Equal(3, preview.Rows);
        var change = Assert.Single(preview.Changes);
        Assert.Equal(new DateOnly(2026, 12, 10), change.Date);
        Assert.True(change.WasBusinessDay);
        if (new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.FromHours(9)) - now < TimeSpan.FromDays(89))
            Assert.Equal(new JobImpactDto("settle", 1, 0, 0), Assert.Single(preview.Summary!.Jobs));
        Assert.True((await _calendars.IsBusinessDayAsync("KR-BANK", change.Date)).BusinessDay);

        var applied = await _calendars.ImportAsync("KR-BANK", csv, apply: true, "core.csv", "monthly table");
        Assert.True(applied.Applied);
        Assert.False((await _calendars.IsBusinessDayAsync("KR-BANK", change.Date)).BusinessDay);
        Assert.True((await _calendars.IsBusinessDayAsync("KR", change.Date)).BusinessDay); // the bank table does not touch KR
        var entry = Assert.Single(await _calendars.HistoryAsync("KR-BANK"));
        Assert.Equal("import:core.csv", entry.Source);
        Assert.Equal("monthly table", entry.Reason);

        var again = await _calendars.ImportAsync("KR-BANK", csv, apply: true, "core.csv");
        Assert.Empty(again.Changes);
        Assert.False(again.Applied);
    }

    [Fact]
    public async Task Download_GivesALocalCopyThatAgreesWithTheServer()
    {
        await _calendars.SetDayAsync("KRX", new OverrideRequest("2026-11-28", true, null, null, "special trading Saturday", null));
        var local = await _calendars.DownloadAsync("KRX", 2025, 2027);
        for (var d = new DateOnly(2025, 1, 1); d <= new DateOnly(2027, 12, 31); d = d.AddDays(17))
            Assert.Equal((await _calendars.IsBusinessDayAsync("KRX", d)).BusinessDay, local.IsBusinessDay(d));
        Assert.True(local.IsBusinessDay(new DateOnly(2026, 11, 28)));
        Assert.False(local.IsBusinessDay(new DateOnly(2026, 12, 31)));
        Assert.Equal(new Kairos.Calendars.DayLayer("KRX", Override: true), local.LayerOf(new DateOnly(2026, 11, 28)));
        Assert.Equal(new Kairos.Calendars.DayLayer("KR", Override: false), local.LayerOf(new DateOnly(2026, 9, 25)));
    }
}

public sealed class AcceptLanguageTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<System.Text.Json.JsonElement> ProblemAsync(string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await _server.Http.SendAsync(request);
        Assert.False(response.IsSuccessStatusCode);
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Messages_FollowAcceptLanguage_CodesDoNot()
    {
        var en = await ProblemAsync("api/calendars/MARS/is-business-day/2026-01-01", "en-US,en;q=0.9");
        var ko = await ProblemAsync("api/calendars/MARS/is-business-day/2026-01-01", "ko-KR,ko;q=0.9,en;q=0.5");
        Assert.Equal("not-found", en.GetProperty("code").GetString());
        Assert.Equal("not-found", ko.GetProperty("code").GetString());
        Assert.Contains("There is no calendar 'MARS'", en.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'MARS' 캘린더가 없습니다", ko.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("찾을 수 없음", ko.GetProperty("title").GetString());

        var badKo = await ProblemAsync("api/calendars/KR/is-business-day/2026-02-30", "ko");
        Assert.Equal("validation", badKo.GetProperty("code").GetString());
        Assert.Contains("날짜가 아닙니다", badKo.GetProperty("errors").GetProperty("date")[0].GetString(), StringComparison.Ordinal);
        var badDefault = await ProblemAsync("api/calendars/KR/is-business-day/2026-02-30", "fr");
        Assert.Contains("is not a date", badDefault.GetProperty("errors").GetProperty("date")[0].GetString(), StringComparison.Ordinal);
    }
}
