using Kairos.Calendars;
using Kairos.Calendars.Institutions;
using Kairos.Core.Ports;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static readonly CalendarDefinition Hana = new("HANA-BANK", ["KR-BANK", "KRX"])
    {
        Name = "Hana Bank",
        Description = "bank days of Hana",
        Weekend = WeekendRule.Of(DayOfWeek.Sunday),
        Add = [new(new DateOnly(2026, 7, 15), "Foundation day", "창립기념일"), new(new DateOnly(2026, 7, 16), "Day after")],
        Remove = [new DateOnly(2026, 5, 1)],
        TimeZoneId = "Asia/Tokyo",
        DateRule = new BusinessDateRule(new TimeOnly(6, 0), ClosedDayBooking.CalendarDay),
    };

    private static CalendarDefinitionVersion Change(CalendarDefinition definition, CalendarDefinitionChangeKind kind, string reason) =>
        new(definition, kind, T0, "admin, approved by boss", reason);

    [Fact]
    public async Task CalendarDefinitions_Versions_ReadBackWithEveryField_RevisionMoves()
    {
        Assert.Equal(0, await Store.CalendarDefinitions.RevisionAsync());
        var first = await Store.CalendarDefinitions.AppendAsync(Change(Hana, CalendarDefinitionChangeKind.Created, "new bank calendar"));
        Assert.Equal(1, first.Version);
        var second = await Store.CalendarDefinitions.AppendAsync(Change(Hana with { Name = "Hana" }, CalendarDefinitionChangeKind.Changed, "rename"));
        Assert.Equal(2, second.Version);
        Assert.True(second.Revision > first.Revision);
        Assert.Equal(second.Revision, await SecondNode().CalendarDefinitions.RevisionAsync());

        var history = await SecondNode().CalendarDefinitions.HistoryAsync("hana-bank");
        Assert.Equal([2, 1], history.Select(v => v.Version));
        var read = history[1];
        Assert.Equal((CalendarDefinitionChangeKind.Created, T0, "admin, approved by boss", "new bank calendar"), (read.Kind, read.ChangedAt, read.ChangedBy, read.Reason));
        var d = read.Definition;
        Assert.Equal(("HANA-BANK", "Hana Bank", "bank days of Hana", "Asia/Tokyo"), (d.Id, d.Name, d.Description, d.TimeZoneId));
        Assert.Equal(["KR-BANK", "KRX"], d.Bases);
        Assert.Equal(Hana.Weekend, d.Weekend);
        Assert.Equal(Hana.Add, d.Add);
        Assert.Equal(Hana.Remove, d.Remove);
        Assert.Equal(Hana.DateRule, d.DateRule);
    }

    [Fact]
    public async Task CalendarDefinitions_Current_IsEachIdsLatest_DeletionsLeftOut()
    {
        var plain = new CalendarDefinition("BRANCH", ["KR"]);
        await Store.CalendarDefinitions.AppendAsync(Change(Hana, CalendarDefinitionChangeKind.Created, "a"));
        await Store.CalendarDefinitions.AppendAsync(Change(plain, CalendarDefinitionChangeKind.Created, "b"));
        await Store.CalendarDefinitions.AppendAsync(Change(Hana with { Remove = [] }, CalendarDefinitionChangeKind.Changed, "c"));
        await Store.CalendarDefinitions.AppendAsync(Change(plain, CalendarDefinitionChangeKind.Deleted, "d"));

        var current = await Store.CalendarDefinitions.CurrentAsync();
        var hana = Assert.Single(current);
        Assert.Equal(("HANA-BANK", 2), (hana.CalendarId, hana.Version));
        Assert.Empty(hana.Definition.Remove);
        Assert.Null((await Store.CalendarDefinitions.HistoryAsync("BRANCH"))[0].Definition.Weekend);

        // Defined again after a deletion: numbering goes on, the history stays.
        var again = await Store.CalendarDefinitions.AppendAsync(Change(plain, CalendarDefinitionChangeKind.Created, "e"));
        Assert.Equal(3, again.Version);
        Assert.Equal(2, (await Store.CalendarDefinitions.CurrentAsync()).Count);
    }

    [Fact]
    public async Task CalendarDefinitions_ConcurrentSavesOfOneId_AreNumberedOneAfterTheOther()
    {
        var second = SecondNode();
        var saves = Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? Store : second).CalendarDefinitions
            .AppendAsync(Change(Hana, i == 0 ? CalendarDefinitionChangeKind.Created : CalendarDefinitionChangeKind.Changed, $"save {i}")));
        var saved = await Task.WhenAll(saves);
        Assert.Equal([1, 2, 3, 4, 5, 6], saved.Select(v => v.Version).Order());
        Assert.Equal(6, (await Store.CalendarDefinitions.HistoryAsync("HANA-BANK")).Count);
    }
}
