namespace Kairos.Calendars.Tests;

// KRX is KR-BANK plus the exchange's closings, and KR-BANK is KR plus the bank closings: each closed day names the layer
// whose rule or override closed it, so an override on KR-BANK is visible, as KR-BANK's, from KRX.
public class LayerTests
{
    private static readonly CalendarSet Plain = BuiltInCalendars.Default;

    [Theory]
    [InlineData("KR", "2026-09-25", "KR")]        // Chuseok
    [InlineData("KRX", "2026-09-25", "KR")]       // inherited through KR-BANK
    [InlineData("KR-BANK", "2025-05-01", "KR-BANK")] // Labor Day: banks close, government offices do not
    [InlineData("KRX", "2025-05-01", "KR-BANK")]
    [InlineData("KRX", "2026-12-31", "KRX")]      // the exchange's year-end closing
    [InlineData("KRX", "2026-11-28", "KR")]       // a plain Saturday: KR's weekend rule
    [InlineData("WEEKDAYS", "2026-11-28", "WEEKDAYS")]
    public void LayerOf_ClosedDay_NamesTheCalendarWhoseRuleClosedIt(string calendar, string date, string layer)
    {
        var day = Plain.Get(calendar)!.LayerOf(DateOnly.Parse(date));
        Assert.Equal(new DayLayer(layer, Override: false), day);
    }

    [Fact]
    public void LayerOf_OrdinaryBusinessDay_IsNull()
    {
        Assert.Null(Plain.Get("KRX")!.LayerOf(new(2026, 12, 9)));
        Assert.True(Plain.Get("KRX")!.Month(2026, 12)[8].Layer is null);
    }

    [Fact]
    public void Layers_ListTheCalendarsEachIsBuiltOn()
    {
        Assert.Equal(["KR", "KR-BANK", "KRX"], Plain.Get("KRX")!.Layers);
        Assert.Equal(["KR", "KR-BANK"], Plain.Get("KR-BANK")!.Layers);
        Assert.Equal(["KR"], Plain.Get("KR")!.Layers);
        Assert.Equal(["KR", "KR-BANK", "KRX"], BuiltInCalendars.Create([new CalendarOverride("KRX", new(2026, 12, 10), false)]).Get("KRX")!.Layers);
    }

    [Fact]
    public void OverrideOnBank_ClosesTheExchange_AsTheBanksOverride()
    {
        var set = BuiltInCalendars.Create([new CalendarOverride("KR-BANK", new(2026, 12, 10), false, "System migration", "전산 전환")]);
        var krx = set.Get("KRX")!;
        Assert.False(krx.IsBusinessDay(new(2026, 12, 10)));
        Assert.Equal(new DayLayer("KR-BANK", Override: true), krx.LayerOf(new(2026, 12, 10)));
        Assert.Equal("KR-BANK", krx.HolidayOn(new(2026, 12, 10))!.Layer);
        Assert.Equal(new DayLayer("KR-BANK", Override: true), krx.Month(2026, 12)[9].Layer);
        Assert.True(set.Get("KR")!.IsBusinessDay(new(2026, 12, 10)));
    }

    [Fact]
    public void OverrideOnPublic_ClosesBanksAndTheExchange_AsKrsOverride()
    {
        var set = BuiltInCalendars.Create([new CalendarOverride("KR", new(2026, 11, 20), false, "Temporary holiday", "임시공휴일")]);
        foreach (var id in new[] { "KR", "KR-BANK", "KRX" })
            Assert.Equal(new DayLayer("KR", Override: true), set.Get(id)!.LayerOf(new(2026, 11, 20)));
    }

    [Fact]
    public void OverrideOpeningADay_IsTheOpeningLayers_AndTheNearestLayerWins()
    {
        var set = BuiltInCalendars.Create([
            new CalendarOverride("KR-BANK", new(2026, 9, 25), true),                 // banks open on Chuseok
            new CalendarOverride("KRX", new(2026, 9, 25), false, "Closed", "휴장"),  // the exchange still closes
            new CalendarOverride("KRX", new(2026, 11, 28), true),                     // a trading Saturday
        ]);
        Assert.Equal(new DayLayer("KR", false), set.Get("KR")!.LayerOf(new(2026, 9, 25)));
        Assert.Equal(new DayLayer("KR-BANK", true), set.Get("KR-BANK")!.LayerOf(new(2026, 9, 25)));
        Assert.Equal(new DayLayer("KRX", true), set.Get("KRX")!.LayerOf(new(2026, 9, 25)));
        Assert.Equal(new DayLayer("KRX", true), set.Get("KRX")!.LayerOf(new(2026, 11, 28)));
        Assert.True(set.Get("KRX")!.IsBusinessDay(new(2026, 11, 28)));
    }

    [Fact]
    public void DeriveAndUnion_KeepInheritedLayers_AndOwnTheirDays()
    {
        var bank = Plain.Get("KR-BANK")!;
        var custom = bank.Derive("CUSTOM",
            add: [new Holiday(new(2026, 11, 24), "Company day", "창립기념일", HolidayKind.Closing)],
            remove: [new DateOnly(2026, 11, 28)]);
        Assert.Equal(["KR", "KR-BANK", "CUSTOM"], custom.Layers);
        Assert.Equal(new DayLayer("CUSTOM", false), custom.LayerOf(new(2026, 11, 24)));
        Assert.Equal(new DayLayer("CUSTOM", false), custom.LayerOf(new(2026, 11, 28)));
        Assert.Equal(new DayLayer("KR-BANK", false), custom.LayerOf(new(2025, 5, 1)));

        var union = BusinessCalendar.Union("BOTH", [custom, Plain.Get("WEEKDAYS")!]);
        Assert.Equal(["KR", "KR-BANK", "CUSTOM", "WEEKDAYS", "BOTH"], union.Layers);
        Assert.Equal(new DayLayer("CUSTOM", false), union.LayerOf(new(2026, 11, 24)));
        Assert.Equal(new DayLayer("KR", false), union.LayerOf(new(2026, 9, 25)));
        Assert.Equal(new DayLayer("BOTH", false), union.LayerOf(new(2026, 11, 29))); // KR's and WEEKDAYS' weekends are two layers
    }
}
