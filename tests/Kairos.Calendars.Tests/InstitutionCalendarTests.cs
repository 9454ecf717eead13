using Kairos.Calendars.Institutions;

namespace Kairos.Calendars.Tests;

/// <summary>Institution calendars: built-ins plus and minus days, unions, own weekends, overrides from every layer.</summary>
public sealed class InstitutionCalendarTests
{
    private static readonly DateOnly FoundationDay = new(2026, 7, 15);   // a Wednesday
    private static readonly DateOnly LaborDay = new(2026, 5, 1);         // 노동절: KR and KR-BANK close

    private static CalendarDefinition Hana => new("HANA-BANK", ["KR-BANK"])
    {
        Name = "Hana Bank",
        Add = [new(FoundationDay, "Foundation day", "창립기념일")],
        Remove = [LaborDay],
    };

    private static BusinessCalendar Compose(CalendarDefinition definition, params CalendarOverride[] overrides) =>
        Composed([definition], overrides).Calendars.Get(definition.Id) ?? throw new InvalidOperationException("not composed");

    private static InstitutionComposition Composed(IEnumerable<CalendarDefinition> definitions, params CalendarOverride[] overrides) =>
        InstitutionCalendars.Compose(BuiltInCalendars.Create(overrides), definitions, overrides);

    [Fact]
    public void Add_FoundationDay_IsClosedWithItsName()
    {
        var hana = Compose(Hana);
        Assert.False(hana.IsBusinessDay(FoundationDay));
        Assert.Equal("창립기념일", hana.HolidayOn(FoundationDay)!.NameKo);
        Assert.True(BuiltInCalendars.Default.Get("KR-BANK")!.IsBusinessDay(FoundationDay));
        Assert.Equal(new DateOnly(2026, 7, 16), hana.NextBusinessDay(new DateOnly(2026, 7, 14)));
    }

    [Fact]
    public void Remove_DayTheBaseCloses_IsABusinessDay()
    {
        Assert.False(BuiltInCalendars.Default.Get("KR-BANK")!.IsBusinessDay(LaborDay));
        Assert.True(Compose(Hana).IsBusinessDay(LaborDay));
    }

    [Fact]
    public void Base_KeepsEveryOtherHolidayOfTheBase()
    {
        var hana = Compose(Hana);
        Assert.False(hana.IsBusinessDay(new DateOnly(2026, 9, 25)));   // 추석
        Assert.False(hana.IsBusinessDay(new DateOnly(2026, 11, 28)));  // Saturday
        Assert.True(hana.IsBusinessDay(new DateOnly(2026, 12, 31)));   // KRX closes, banks do not
    }

    [Fact]
    public void Bases_TwoCalendars_ClosedWhenEitherCloses()
    {
        var foundation = new CalendarDefinition("FOUNDATION", ["WEEKDAYS"]) { Add = [new(FoundationDay, "Foundation day")] };
        var securities = new CalendarDefinition("HANA-SEC", ["KRX", "FOUNDATION"]);
        var calendar = Composed([securities, foundation]).Calendars.Get("HANA-SEC")!;
        Assert.False(calendar.IsBusinessDay(FoundationDay));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 12, 31)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 9, 25)));
        Assert.True(calendar.IsBusinessDay(new DateOnly(2026, 12, 30)));
    }

    [Fact]
    public void Weekend_OwnRule_ReplacesTheBasesWeekend()
    {
        var saturdays = Compose(new CalendarDefinition("BRANCH-SAT", ["KR-BANK"]) { Weekend = WeekendRuleText.TryParse("sun", out var sun) ? sun : default });
        Assert.True(saturdays.IsBusinessDay(new DateOnly(2026, 11, 28)));   // Saturday opens
        Assert.False(saturdays.IsBusinessDay(new DateOnly(2026, 11, 29)));  // Sunday stays closed
        Assert.False(saturdays.IsBusinessDay(new DateOnly(2026, 10, 3)));   // 개천절 on a Saturday is still a holiday
    }

    [Theory]
    [InlineData("sat-sun", "sat-sun")]
    [InlineData("SUN", "sun")]
    [InlineData("fri-sat", "fri-sat")]
    [InlineData("sat-fri", "fri-sat")]
    [InlineData("none", "none")]
    public void WeekendText_Parses_AndFormatsMondayFirst(string text, string formatted)
    {
        Assert.True(WeekendRuleText.TryParse(text, out var rule));
        Assert.Equal(formatted, WeekendRuleText.Format(rule));
    }

    [Theory]
    [InlineData("")]
    [InlineData("saturday")]
    [InlineData("sat-sat")]
    [InlineData("sat,sun")]
    public void WeekendText_Invalid_IsRefused(string text) => Assert.False(WeekendRuleText.TryParse(text, out _));

    [Fact]
    public void Override_OnKR_ReachesTheInstitutionCalendar()
    {
        var temporary = new CalendarOverride("KR", new DateOnly(2026, 12, 10), false, "Temporary holiday", "임시공휴일");
        var hana = Compose(Hana, temporary);
        Assert.False(hana.IsBusinessDay(new DateOnly(2026, 12, 10)));
        Assert.Equal("임시공휴일", hana.HolidayOn(new DateOnly(2026, 12, 10))!.NameKo);
    }

    [Fact]
    public void Override_OnTheInstitutionCalendar_ComesLast()
    {
        var open = new CalendarOverride("hana-bank", FoundationDay, true);
        var closed = new CalendarOverride("HANA-BANK", LaborDay, false, "Closed after all", "휴무");
        var hana = Compose(Hana, open, closed);
        Assert.True(hana.IsBusinessDay(FoundationDay));
        Assert.False(hana.IsBusinessDay(LaborDay));
    }

    [Fact]
    public void Conventions_AreTheDefinitions()
    {
        var rule = new BusinessDateRule(new TimeOnly(6, 0), ClosedDayBooking.PreviousBusinessDay);
        var hana = Compose(Hana with { DateRule = rule, TimeZoneId = "Asia/Tokyo" });
        Assert.Equal(rule, hana.DateRule);
        Assert.Equal("Asia/Tokyo", hana.TimeZoneId);
        Assert.Equal("Hana Bank", hana.Description);
    }

    [Fact]
    public void Bases_Cycle_IsReportedAndNeitherIsComposed()
    {
        var result = Composed([new("A-CAL", ["B-CAL"]), new("B-CAL", ["A-CAL"]), Hana]);
        Assert.Contains(result.Problems, p => p.Kind == CalendarDefinitionProblemKind.Cycle && p.Field == "base" && p.Detail.Contains("A-CAL → B-CAL → A-CAL", StringComparison.Ordinal));
        Assert.Null(result.Calendars.Get("A-CAL"));
        Assert.Null(result.Calendars.Get("B-CAL"));
        Assert.NotNull(result.Calendars.Get("HANA-BANK"));
    }

    [Fact]
    public void Bases_Unknown_IsReportedNamingTheBase()
    {
        var problem = Assert.Single(Composed([new("HANA-BANK", ["KR-BNK"])]).Problems);
        Assert.Equal(("HANA-BANK", "base", CalendarDefinitionProblemKind.UnknownBase, "KR-BNK"), (problem.CalendarId, problem.Field, problem.Kind, problem.Detail));
        Assert.Equal("calendar HANA-BANK: base: there is no calendar KR-BNK", problem.ToString());
    }

    [Fact]
    public void Id_BuiltInOrTwice_IsReported()
    {
        var result = Composed([new("KR-BANK", ["KR"]), Hana, Hana with { Name = "again" }]);
        Assert.Equal([CalendarDefinitionProblemKind.BuiltInId, CalendarDefinitionProblemKind.DuplicateId], result.Problems.Select(p => p.Kind));
        Assert.Equal("Hana Bank", result.Calendars.Get("HANA-BANK")!.Description);
        Assert.Equal("KR-BANK", result.Calendars.Get("KR-BANK")!.Id);
    }

    [Theory]
    [InlineData("HANA-BANK", true)]
    [InlineData("B2", true)]
    [InlineData("hana-bank", false)]
    [InlineData("2BANK", false)]
    [InlineData("HANA_BANK", false)]
    public void Id_Shape(string id, bool wellFormed) => Assert.Equal(wellFormed, CalendarDefinition.IsWellFormedId(id));
}
