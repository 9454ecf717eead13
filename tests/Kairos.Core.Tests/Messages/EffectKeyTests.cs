using Kairos.Core.Messages;
using Kairos.Core.Runs;

namespace Kairos.Core.Tests.Messages;

public sealed class EffectKeyTests
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateOnly Date = new(2026, 11, 23);

    private static Run Run(long id, DateTimeOffset? slot, DateOnly? date, TriggerKind trigger = TriggerKind.Time, int attempt = 1, long? rerunOf = null) =>
        new(id, "fx-requests", slot, trigger, date, RunState.Running, attempt, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, RerunOf: rerunOf);

    [Fact]
    public void For_ASlotRun_NamesTheJobAndTheSlotInUtc_NotTheRunOrAttempt()
    {
        var first = EffectKey.For(Run(41, Slot, Date));
        Assert.Equal("fx-requests@2026-11-23T00:00:00Z", first.Occasion);
        Assert.Equal(first, EffectKey.For(Run(99, Slot, Date, attempt: 3)));
        Assert.Equal("fx-requests@2026-11-23T00:00:00Z#1", first.MessageId(0));
        Assert.Equal("fx-requests@2026-11-23T00:00:00Z#100", first.MessageId(99));
    }

    [Fact]
    public void For_SlotsOfOneDay_Differ_SubSecondSlotsToo()
    {
        Assert.NotEqual(EffectKey.For(Run(1, Slot, Date)), EffectKey.For(Run(2, Slot.AddMinutes(1), Date)));
        Assert.Equal("fx-requests@2026-11-23T00:00:00.5Z", EffectKey.For(Run(3, Slot.AddMilliseconds(500), Date)).Occasion);
    }

    [Fact]
    public void For_ARunWithoutSlot_NamesTheBusinessDate_ThenTheRunWhenThereIsNone()
    {
        Assert.Equal("fx-requests@2026-11-23", EffectKey.For(Run(5, null, Date, TriggerKind.Manual)).Occasion);
        Assert.Equal("fx-requests@run:6", EffectKey.For(Run(6, null, null, TriggerKind.Manual)).Occasion);
    }

    [Fact]
    public void For_AnEventRun_NamesTheTriggeringMessage_SoTwoMessagesOfOneDayStayApart()
    {
        var a = EffectKey.For(Run(7, null, Date, TriggerKind.Event), "fx:9:1");
        Assert.Equal("fx-requests@message:fx:9:1", a.Occasion);
        Assert.NotEqual(a, EffectKey.For(Run(8, null, Date, TriggerKind.Event), "fx:9:2"));
    }

    [Theory]
    [InlineData("fx-requests@2026-11-23", "\"fx-requests@2026-11-23\"")]
    [InlineData("a\"b\\c@2026-11-23", "\"a\\\"b\\\\c@2026-11-23\"")]
    [InlineData("환율@2026-11-23", "\"%ED%99%98%EC%9C%A8@2026-11-23\"")]
    [InlineData("100%@2026-11-23", "\"100%25@2026-11-23\"")]
    public void IdempotencyKey_IsAStructuredFieldsString_OfPrintableAscii(string jobAndDate, string expected)
    {
        var jobId = jobAndDate[..jobAndDate.IndexOf('@', StringComparison.Ordinal)];
        var run = Run(1, null, Date, TriggerKind.Manual) with { JobId = jobId };
        var key = EffectKey.For(run).IdempotencyKey();
        Assert.Equal(expected, key);
        Assert.All(key, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void BadInput_IsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => EffectKey.For(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => EffectKey.For(Run(1, Slot, Date)).MessageId(-1));
    }
}
