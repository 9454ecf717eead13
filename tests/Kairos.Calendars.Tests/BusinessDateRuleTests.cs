namespace Kairos.Calendars.Tests;

/// <summary>Issue 17 item 12: weekend work booked to a business day, and a business day that starts at its own time.</summary>
public sealed class BusinessDateRuleTests
{
    private static readonly BusinessCalendar Bank = BuiltInCalendars.Default.Get("KR-BANK")!;

    // 2026-11-28 is a Saturday, 2026-11-30 a Monday; 2026-09-24..26 is Chuseok (Thursday to Saturday).
    [Theory]
    [InlineData("2026-11-28 10:00", "next-business-day", "2026-11-30")]
    [InlineData("2026-11-29 23:59", "next-business-day", "2026-11-30")]
    [InlineData("2026-11-28 10:00", "previous-business-day", "2026-11-27")]
    [InlineData("2026-11-28 10:00", "calendar-day", "2026-11-28")]
    [InlineData("2026-09-24 10:00", "next-business-day", "2026-09-28")]
    [InlineData("2026-11-30 00:00", "next-business-day", "2026-11-30")]
    public void ClosedDayWork_IsBookedAsTheRuleSays(string at, string booking, string expected)
    {
        var rule = new BusinessDateRule(ClosedDays: Parse(booking));
        Assert.Equal(DateOnly.Parse(expected), rule.BusinessDateAt(DateTime.Parse(at), Bank));
    }

    [Theory]
    [InlineData("2026-12-01 01:30", "2026-11-30")] // Tuesday night belongs to Monday until 06:00
    [InlineData("2026-12-01 05:59:59", "2026-11-30")]
    [InlineData("2026-12-01 06:00", "2026-12-01")]
    [InlineData("2026-11-30 01:30", "2026-11-30")] // Monday 01:30 is Sunday's order day, booked to Monday
    public void NewDayAt_MovesTheNightToTheDayBefore(string at, string expected)
    {
        var rule = new BusinessDateRule(new TimeOnly(6, 0));
        Assert.Equal(DateOnly.Parse(expected), rule.BusinessDateAt(DateTime.Parse(at), Bank));
    }

    [Fact]
    public void WithoutACalendar_TheOrderDayIsTheBusinessDate()
    {
        var rule = new BusinessDateRule(new TimeOnly(6, 0));
        Assert.Equal(new DateOnly(2026, 11, 28), rule.BusinessDateAt(new DateTime(2026, 11, 29, 1, 0, 0), null));
    }

    [Fact]
    public void DayStart_IsTheNewDayTimeOfTheOrderDay()
    {
        var rule = new BusinessDateRule(new TimeOnly(6, 0));
        Assert.Equal(new DateTime(2026, 11, 30, 6, 0, 0), rule.DayStart(new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void WithConventions_KeepsTheDays_AndDerivedCalendarsKeepTheRule()
    {
        var night = new BusinessDateRule(new TimeOnly(6, 0), ClosedDayBooking.PreviousBusinessDay);
        var bank = Bank.WithConventions(night, "Asia/Tokyo");
        Assert.Equal((night, "Asia/Tokyo"), (bank.DateRule, bank.TimeZoneId));
        Assert.Equal(Bank.CountBusinessDays(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)), bank.CountBusinessDays(new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)));
        Assert.Equal(Bank.Layers, bank.Layers);
        Assert.Equal(Bank.LayerOf(new DateOnly(2026, 9, 25)), bank.LayerOf(new DateOnly(2026, 9, 25)));
        var derived = bank.Derive("MINE", remove: [new DateOnly(2026, 11, 28)]);
        Assert.Equal((night, "Asia/Tokyo"), (derived.DateRule, derived.TimeZoneId));
        Assert.Equal((BusinessDateRule.Default, "Asia/Seoul"), (Bank.DateRule, Bank.TimeZoneId));
    }

    private static ClosedDayBooking Parse(string text) => text switch
    {
        "next-business-day" => ClosedDayBooking.NextBusinessDay,
        "previous-business-day" => ClosedDayBooking.PreviousBusinessDay,
        _ => ClosedDayBooking.CalendarDay,
    };
}
