using System.Net;
using Kairos.Calendars;
using Kairos.Calendars.Client;
using Kairos.Client;

namespace Kairos.Server.Tests;

/// <summary>
/// Previews of calendar changes: per-job counts always complete, the slots on request, nothing changed by asking.
/// The day changed is a Wednesday business day two to four weeks ahead, so it lies inside the 90-day horizon.
/// </summary>
public sealed class CalendarPreviewApiTests : IAsyncLifetime
{
    private static readonly DateOnly Day = PickDay();
    private ServerFixture _server = null!;
    private CalendarClient _calendars = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["minutely.yaml"] = "id: minutely\nschedule: { cron: '* * * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
            ["monthly.yaml"] = $"id: monthly\nschedule: {{ cron: '0 10 {Day.Day} * *', calendar: KR-BANK, days: business-days, onHoliday: next-business-day }}\naction: {{ noop: true }}\n",
        });
        _calendars = new CalendarClient(_server.Http);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static DateOnly PickDay()
    {
        var bank = BuiltInCalendars.Default.Get("KR-BANK")!;
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);
        while (day.DayOfWeek != DayOfWeek.Wednesday || !bank.IsBusinessDay(day) || !bank.IsBusinessDay(day.AddDays(1))) day = day.AddDays(1);
        return day;
    }

    private static string Csv(string rows) => "date,business_day,name\n" + rows;

    [Fact]
    public async Task ImportPreview_SumsUpPerJob_WithoutACap_AndListsEverySlotOnlyOnRequest()
    {
        var csv = Csv($"{Day:yyyy-MM-dd},N,System migration\n");
        var preview = await _calendars.ImportAsync("KR-BANK", csv, apply: false, "migration.csv");

        Assert.False(preview.SlotsListed);
        Assert.Empty(preview.Slots);
        var summary = preview.Summary!;
        Assert.Equal([new JobImpactDto("minutely", 1440, 0, 0), new JobImpactDto("monthly", 0, 0, 1)], summary.Jobs);
        Assert.Equal((1440, 0, 1, 1442), (summary.Disappear, summary.Appear, summary.Move, summary.SlotChanges));

        var detailed = await _calendars.ImportAsync("KR-BANK", csv, apply: false, details: true, "migration.csv", null);
        Assert.True(detailed.SlotsListed);
        Assert.Equal(1442, detailed.Slots.Count);
        Assert.Equal(1440, detailed.Slots.Count(s => s is { JobId: "minutely", Change: "disappears" }));
        var moved = Assert.Single(detailed.Slots, s => s is { JobId: "monthly", Change: "appears" });
        Assert.Equal(Day.AddDays(1), moved.BusinessDate);
        Assert.Equal(Assert.Single(detailed.Slots, s => s is { JobId: "monthly", Change: "disappears" }).SlotTime, moved.MovedWith);
        Assert.True((await _calendars.IsBusinessDayAsync("KR-BANK", Day)).BusinessDay);
    }

    [Fact]
    public async Task OverridePreview_GivesTheSameSummary_AndChangesNothing()
    {
        var request = new OverrideRequest($"{Day:yyyy-MM-dd}", false, "System migration", null, null, null);
        var preview = await _calendars.PreviewDayAsync("KR-BANK", request);

        var day = Assert.Single(preview.Changes);
        Assert.Equal((Day, true, false, "System migration"), (day.Date, day.WasBusinessDay, day.BusinessDay, day.Name));
        Assert.Equal([new JobImpactDto("minutely", 1440, 0, 0), new JobImpactDto("monthly", 0, 0, 1)], preview.Summary.Jobs);
        Assert.Empty(preview.Slots);
        Assert.Equal(1442, (await _calendars.PreviewDayAsync("KR-BANK", request, details: true)).Slots.Count);
        Assert.True((await _calendars.IsBusinessDayAsync("KR-BANK", Day)).BusinessDay);
        Assert.Empty(await _calendars.HistoryAsync("KR-BANK"));

        var sameState = await _calendars.PreviewDayAsync("KR-BANK", request with { BusinessDay = true });
        Assert.Empty(sameState.Changes);
        Assert.Equal(0, sameState.Summary.SlotChanges);
    }

    [Fact]
    public async Task RevertPreview_ShowsTheRunsComingBack_ThenTheRevertMatchesIt()
    {
        await _calendars.SetDayAsync("KR-BANK", new OverrideRequest($"{Day:yyyy-MM-dd}", false, "Drill", null, "drill", null));
        var preview = await _calendars.PreviewRevertAsync("KR-BANK", Day);

        var day = Assert.Single(preview.Changes);
        Assert.Equal((false, true, "Drill"), (day.WasBusinessDay, day.BusinessDay, day.WasName));
        Assert.Equal([new JobImpactDto("minutely", 0, 1440, 0), new JobImpactDto("monthly", 0, 0, 1)], preview.Summary.Jobs);
        Assert.False((await _calendars.IsBusinessDayAsync("KR-BANK", Day)).BusinessDay);

        await _calendars.RevertDayAsync("KR-BANK", Day, "drill cancelled");
        var gone = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.PreviewRevertAsync("KR-BANK", Day));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task Preview_BadInput_IsA400NamingTheField_UnknownCalendarA404()
    {
        var bad = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.PreviewDayAsync("KR-BANK", new OverrideRequest("2026-02-30", null, null, null, null, null)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("date", bad.Errors.Keys);
        Assert.Contains("businessDay", bad.Errors.Keys);
        Assert.DoesNotContain("reason", bad.Errors.Keys);
        var noName = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.PreviewDayAsync("KR-BANK", new OverrideRequest($"{Day:yyyy-MM-dd}", false, " ", null, null, null)));
        Assert.Contains("name", noName.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<KairosApiException>(() => _calendars.PreviewDayAsync("MARS", new OverrideRequest($"{Day:yyyy-MM-dd}", true, null, null, null, null)))).Status);

        using var response = await _server.Http.GetAsync(new Uri("api/calendars/KR-BANK/overrides/not-a-date/revert-preview", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"date\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var body = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var garbled = await _server.Http.PostAsync(new Uri("api/calendars/KR-BANK/overrides/preview", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
    }

    [Fact]
    public async Task OpenedDay_KeepsItsName_FromAnImportAndFromAnOverride()
    {
        var saturday = Day.AddDays(3);
        await _calendars.ImportAsync("KR-BANK", Csv($"{saturday:yyyy-MM-dd},1,Bank open day\n"), apply: true, "open.csv");
        var entry = Assert.Single(await _calendars.HistoryAsync("KR-BANK"));
        Assert.Equal(("business-day", "Bank open day", "Bank open day"), (entry.Action, entry.Name, entry.NameKo));
        var listed = Assert.Single(await _calendars.HolidaysAsync("KR-BANK", saturday, saturday, includeWeekends: true));
        Assert.Equal(("Bank open day", true), (listed.Name, listed.BusinessDay));
        var month = await _calendars.MonthAsync("KR-BANK", saturday.Year, saturday.Month);
        Assert.Equal("Bank open day", month.Days.Single(d => d.Date == saturday).Name);

        var sunday = saturday.AddDays(1);
        var opened = await _calendars.SetDayAsync("KR-BANK", new OverrideRequest($"{sunday:yyyy-MM-dd}", true, "Special settlement", "특별결제일", "year-end", null));
        Assert.Equal(("Special settlement", "특별결제일"), (opened.Name, opened.NameKo));
        var unnamed = await _calendars.HolidaysAsync("KR-BANK", sunday.AddDays(6), sunday.AddDays(6), includeWeekends: true);
        Assert.DoesNotContain(unnamed, h => h.BusinessDay);
    }
}
