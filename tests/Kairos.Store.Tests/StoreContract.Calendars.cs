using Kairos.Core.Ports;

namespace Kairos.Store.Tests;

public abstract partial class StoreContract
{
    private static CalendarOverrideEntry Entry(string calendar, int day, OverrideAction action, string? name = "임시공휴일") =>
        new(calendar, new DateOnly(2026, 12, day), action, name, name, "op@127.0.0.1", T0, "reason", "관보");

    [Fact]
    public async Task CalendarOverrides_AppendedInOrder_ReadBackWithEveryField_RevisionMoves()
    {
        Assert.Equal(0, await Store.Calendars.RevisionAsync());
        await Store.Calendars.AppendAsync([Entry("KR", 10, OverrideAction.NonBusinessDay), Entry("KRX", 11, OverrideAction.BusinessDay, null)]);
        var afterFirst = await Store.Calendars.RevisionAsync();
        await Store.Calendars.AppendAsync([Entry("KR", 10, OverrideAction.Revert, null)]);
        Assert.True(await SecondNode().Calendars.RevisionAsync() > afterFirst);

        var kr = await Store.Calendars.ListAsync("KR");
        Assert.Equal([OverrideAction.NonBusinessDay, OverrideAction.Revert], kr.Select(e => e.Action));
        Assert.True(kr[0].Id < kr[1].Id);
        Assert.Equal(new DateOnly(2026, 12, 10), kr[0].Date);
        Assert.Equal(("임시공휴일", "op@127.0.0.1", T0, "reason", "관보"), (kr[0].NameKo, kr[0].Actor, kr[0].At, kr[0].Reason, kr[0].Source));
        Assert.Equal(3, (await Store.Calendars.ListAsync()).Count);
    }

    [Fact]
    public async Task CalendarOverrides_ABatchWithABadEntry_WritesNothing()
    {
        var bad = Entry("KR", 12, OverrideAction.NonBusinessDay) with { Actor = null! };
        await Assert.ThrowsAnyAsync<Exception>(() => Store.Calendars.AppendAsync([Entry("KR", 11, OverrideAction.NonBusinessDay), bad]));
        Assert.Empty(await Store.Calendars.ListAsync());
    }
}
