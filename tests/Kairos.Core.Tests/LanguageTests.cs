using System.Globalization;
using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Schedules;
using Kairos.Core.Slots;
using Kairos.Cron;
using Kairos.Definitions;
using static Kairos.Core.Tests.Jobs;
using Kairos.Core.Reasons;

namespace Kairos.Core.Tests;

/// <summary>
/// What is wrong with a job or a cron follows the current UI culture: Korean under ko-KR, English otherwise, with the
/// same facts in both. Why a slot is skipped or moved has no language at all in Core: it is a reason code whose
/// names carry both languages (the server's ReasonTextTests put it into words).
/// </summary>
public sealed class LanguageTests : IDisposable
{
    private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

    public void Dispose() => CultureInfo.CurrentUICulture = _before;

    private static T In<T>(string culture, Func<T> read)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        return read();
    }

    [Fact]
    public void SkippedOnAHoliday_SaysSoWithTheHolidaysNameInEachLanguage()
    {
        var job = Every("0 9 * * *", "KR-BANK", DayRule.BusinessDays);
        var calendar = BuiltInCalendars.Default.Get("KR-BANK");
        // Friday 25 September 2026 is Chuseok (so is Saturday the 26th); Sunday the 27th is a plain weekend day.
        List<PlannedSlot> Plan() => SlotPlanner.Plan(job, calendar, Kst(2026, 9, 25), Kst(2026, 9, 27, 12)).ToList();

        var ko = In("ko-KR", Plan);
        var en = In("en", Plan);

        Assert.Equal(Reason.Of(ReasonCodes.NotBusinessDay, "2026-09-25", "KR-BANK", new NameArg("Chuseok (추석)", "추석")), ko[0].Why);
        Assert.Equal(Reason.Of(ReasonCodes.NotBusinessDay, "2026-09-27", "KR-BANK", new NameArg("Sunday", "일요일")), ko[2].Why);
        Assert.Equal(ko, en);
    }

    [Fact]
    public void MovedSlot_NamesTheClosedDayAndTheDirection()
    {
        // 3 October 2026 (개천절) is a Saturday, made up for on Monday 5 October: the slot of the 3rd moves to Tuesday the 6th.
        var job = Every("0 10 3 * *", "KR", DayRule.Shifted(HolidayShift.NextBusinessDay));
        var calendar = BuiltInCalendars.Default.Get("KR");
        List<PlannedSlot> Plan() => SlotPlanner.Plan(job, calendar, Kst(2026, 10, 1), Kst(2026, 10, 8)).Where(s => s.Runs).ToList();

        var ko = Assert.Single(In("ko-KR", Plan));
        var en = Assert.Single(In("en", Plan));

        Assert.Equal(Reason.Of(ReasonCodes.MovedHereAsNext, "2026-10-03", new NameArg("National Foundation Day (개천절)", "개천절")), ko.Why);
        Assert.Equal(ko, en);
    }

    [Fact]
    public void DayRules_AreCodes()
    {
        Assert.Equal(Reason.Of(ReasonCodes.BeforeLastBusinessDay, "2"), DayRule.BusinessDaysBeforeMonthEnd(2).Describe());
        Assert.Equal(Reason.Of(ReasonCodes.NthBusinessDay, "3"), DayRule.NthBusinessDay(3).Describe());
    }

    [Fact]
    public void JobAndCronProblems_SameFieldsBothLanguages()
    {
        var definition = new JobDefinition
        {
            Id = "fx close",
            Schedule = new ScheduleDefinition { Cron = "0 9 * 13 *", Calendar = "KR-NOPE" },
            Action = new ActionDefinition { Noop = true },
            Retries = new RetryDefinition { Count = 101 },
        };
        IReadOnlyList<(string Field, string Message)> Check() => new JobValidator(BuiltInCalendars.Default).Validate(definition).Errors;

        var ko = In("ko-KR", Check);
        var en = In("en", Check);

        Assert.Equal(en.Select(e => e.Field), ko.Select(e => e.Field));
        Assert.Contains(("schedule.cron", "월 필드 '13': 13은(는) 1~12 범위를 벗어납니다."), ko);
        Assert.Contains(("schedule.cron", "The month field '13' has 13, outside 1-12."), en);
        Assert.Contains(ko, e => e.Field == "schedule.calendar" && e.Message.StartsWith("알 수 없는 달력 'KR-NOPE'. 있는 달력: KR, KR-BANK", StringComparison.Ordinal));
        Assert.Contains(("retries.count", "101은(는) 0~100 범위를 벗어납니다"), ko);
        Assert.Contains(("id", "'fx close'에는 영문자, 숫자, '.', '_', '-'만 쓸 수 있습니다 (최대 100자)"), ko);
        Assert.Equal("cron 식은 필드가 5개 또는 6개인데 '* *'은(는) 2개입니다.", In("ko-KR", () => Assert.Throws<CronFormatException>(() => CronExpression.Parse("* *")).Message));
    }

    [Fact]
    public void BusinessDayTableProblems_InKorean_KeepTheLine()
    {
        var (_, errors) = In("ko-KR", () => BusinessDayTable.Parse("date,business_day,name\n2026-12-14,maybe,x\n", "core.csv"));
        var error = Assert.Single(errors);
        Assert.Equal("core.csv:2: business_day: 'maybe'은(는) Y/N, true/false, 1/0, 영업일/휴일 중 하나가 아닙니다", error.ToString());
    }
}
