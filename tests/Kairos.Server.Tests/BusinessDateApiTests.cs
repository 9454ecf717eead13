using System.Net;
using Kairos.Calendars.Client;
using Kairos.Client;
using Kairos.Client.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>Issue 17 items 12 and 14: today's business date on a calendar, closed-day triggers, and a job's own business-date rule.</summary>
public sealed class BusinessDateApiTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private CalendarClient _calendars = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["bank-eod.yaml"] = "id: bank-eod\nschedule: { cron: '30 1 * * *', calendar: KR-BANK, businessDate: { newDayAt: '06:00', closedDays: previous-business-day } }\naction: { noop: true }\nheld: true\n",
            ["plain.yaml"] = "id: plain\naction: { noop: true }\n",
        });
        _calendars = new CalendarClient(_server.Http);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Today_OnASaturday_IsClosed_AndBookedToMonday()
    {
        var today = await _calendars.TodayAsync("KR-BANK", DateTimeOffset.Parse("2026-11-28T10:00:00+09:00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("KR-BANK", "Asia/Seoul", new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 28), false), (today.Calendar, today.TimeZone, today.Date, today.OrderDay, today.BusinessDay));
        Assert.Equal(("next-business-day", new DateOnly(2026, 11, 30), "Saturday", "00:00"), (today.ClosedDays, today.BusinessDate, today.ClosedBecause, today.NewDayAt));
        // The calendar's zone decides the date: 2026-11-30T16:00Z is already Tuesday in Seoul.
        var tuesday = await _calendars.TodayAsync("KR", DateTimeOffset.Parse("2026-11-30T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((new DateOnly(2026, 12, 1), true, new DateOnly(2026, 12, 1), (string?)null), (tuesday.Date, tuesday.BusinessDay, tuesday.BusinessDate, tuesday.ClosedBecause));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).Year, (await _calendars.TodayAsync("KRX")).Date.Year);
    }

    [Fact]
    public async Task Today_BadMomentOrCalendar_IsAClearError()
    {
        var response = await _server.Http.GetAsync(new Uri("api/calendars/KR/today?at=yesterday", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'yesterday' is not a moment", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.TodayAsync("MARS"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task Trigger_ForADayTheCalendarClosed_NeedsConfirmation()
    {
        var refused = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.TriggerAsync("bank-eod", "2026-11-28", "rerun the weekend batch"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var warning = Assert.Single(refused.Errors["confirmClosedDay"]);
        Assert.Contains("2026-11-28 is not a business day on KR-BANK (Saturday)", warning, StringComparison.Ordinal);
        Assert.Empty(await _server.Client.ListRunsAsync("bank-eod"));

        var created = await _server.Client.TriggerAsync("bank-eod", "2026-11-28", "rerun the weekend batch", confirmClosedDay: true);
        Assert.Equal("2026-11-28", created.BusinessDate);
        // A job without a calendar has no closed days to confirm.
        Assert.Equal("2026-11-28", (await _server.Client.TriggerAsync("plain", "2026-11-28", "a Saturday is a day like any")).BusinessDate);
    }

    [Fact]
    public async Task JobsOwnRule_IsKept_AndBadValuesNameTheirFields()
    {
        var job = await _server.Client.GetJobAsync("bank-eod");
        Assert.Equal(("06:00", "previous-business-day"), (job.Definition!.Schedule!.BusinessDate!.NewDayAt, job.Definition.Schedule.BusinessDate.ClosedDays));

        var bad = new JobDefinition
        {
            Id = "bad-rule",
            Schedule = new ScheduleDefinition { Cron = "0 9 * * *", Calendar = "KR-BANK", BusinessDate = new BusinessDateDefinition { NewDayAt = "25:00", ClosedDays = "sideways" } },
            Action = new ActionDefinition { Noop = true },
        };
        var refused = await Assert.ThrowsAsync<KairosApiException>(() => _server.Client.PutJobAsync(bad));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("schedule.businessDate.newDayAt", refused.Errors.Keys);
        Assert.Contains("next-business-day, previous-business-day, calendar-day", Assert.Single(refused.Errors["schedule.businessDate.closedDays"]), StringComparison.Ordinal);
        Assert.Null(await _server.App.Services.GetRequiredService<Kairos.Core.Ports.IKairosStore>().Jobs.GetAsync("bad-rule"));
    }
}
