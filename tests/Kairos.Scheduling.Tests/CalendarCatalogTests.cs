using Kairos.Calendars;
using Kairos.Calendars.Institutions;
using Kairos.Core.Calendars;
using Kairos.Core.Ports;
using Kairos.Store.Sqlite;
using Kairos.Testing;

namespace Kairos.Scheduling.Tests;

/// <summary>Institution calendars reach every node the way overrides do: through the store's revisions.</summary>
public sealed class CalendarCatalogTests : IAsyncLifetime
{
    private static readonly DateOnly FoundationDay = new(2026, 7, 15);
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private readonly string _path = TestServers.NewSqlitePath();
    private IKairosStore _a = null!;
    private IKairosStore _b = null!;

    public async Task InitializeAsync()
    {
        _a = SqliteStore.Open(_path, TimeProvider.System);
        await _a.MigrateAsync();
        _b = SqliteStore.Open(_path, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Definition_OnOneNode_IsComposedOnTheOther_AndFollowsItsBasesOverrides()
    {
        var other = new CalendarCatalog(_b);
        await other.RefreshAsync();
        Assert.Null(other.Get("HANA-BANK"));

        var hana = new CalendarDefinition("HANA-BANK", ["KR-BANK"]) { Add = [new(FoundationDay, "Foundation day", "창립기념일")] };
        await _a.CalendarDefinitions.AppendAsync(new(hana, CalendarDefinitionChangeKind.Created, T0, "admin", "new"));
        await other.RefreshAsync();
        Assert.False(other.Get("HANA-BANK")!.IsBusinessDay(FoundationDay));

        await _a.Calendars.AppendAsync([new CalendarOverrideEntry("KR", new DateOnly(2026, 12, 10), OverrideAction.NonBusinessDay, "Temporary holiday", "임시공휴일", "admin", T0, "cabinet", null)]);
        await other.RefreshAsync();
        Assert.False(other.Get("HANA-BANK")!.IsBusinessDay(new DateOnly(2026, 12, 10)));

        await _a.CalendarDefinitions.AppendAsync(new(hana, CalendarDefinitionChangeKind.Deleted, T0, "admin", "gone"));
        await other.RefreshAsync();
        Assert.Null(other.Find("HANA-BANK"));
    }

    [Fact]
    public async Task SettingsFileDefinition_IsThereBeforeAnyRefresh_AndWinsOverAStoredOne()
    {
        var fromFile = new CalendarDefinition("HANA-SEC", ["KRX"]) { Remove = [new DateOnly(2026, 12, 31)] };
        await _a.CalendarDefinitions.AppendAsync(new(new CalendarDefinition("HANA-SEC", ["WEEKDAYS"]), CalendarDefinitionChangeKind.Created, T0, "admin", "older"));
        var catalog = new CalendarCatalog(_b, new ConfiguredCalendars([fromFile]));
        Assert.True(catalog.Get("HANA-SEC")!.IsBusinessDay(new DateOnly(2026, 12, 31)));
        await catalog.RefreshAsync();
        Assert.False(catalog.Get("HANA-SEC")!.IsBusinessDay(new DateOnly(2026, 9, 25)));   // KRX's 추석, not WEEKDAYS
        Assert.Null(catalog.Definition("HANA-SEC")!.Value.Stored);
    }
}
