using Kairos.Core.Jobs;
using Kairos.Core.Messages;

namespace Kairos.Core.Tests.Messages;

public sealed class MessageBatchTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["runId"] = "7", ["jobId"] = "fx", ["slotTime"] = "2026-11-23T00:00:00.000Z", ["businessDate"] = "2026-11-23", ["attempt"] = "1", ["trigger"] = "time",
    };

    // The occasion of run 7: its slot, so every attempt and rerun of it names its messages alike.
    private static readonly EffectKey Key = EffectKey.For(new Kairos.Core.Runs.Run(7, "fx", new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero),
        Kairos.Core.Runs.TriggerKind.Time, new DateOnly(2026, 11, 23), Kairos.Core.Runs.RunState.Running, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));

    private static KafkaPublishAction Action(MessageSource source, string? key = null, Dictionary<string, string>? headers = null) =>
        new("fx.requests", "bank", source, key, headers ?? []);

    [Fact]
    public void Template_OverFieldItems_OneMessagePerItem_WithKeyHeadersAndStableCorrelationIds()
    {
        var source = new TemplateMessages("""{"pair":"{{item.pair}}","date":"{{businessDate}}"}""",
            [MessageItem.Of(new Dictionary<string, string> { ["pair"] = "USDKRW" }), MessageItem.Of(new Dictionary<string, string> { ["pair"] = "JPYKRW" })]);
        var (messages, error) = MessageBatch.FromTemplate(Action(source, "{{item.pair}}", new() { ["source"] = "kairos-{{jobId}}" }), Key, source, Variables);
        Assert.Null(error);
        Assert.NotNull(messages);
        Assert.Equal(["""{"pair":"USDKRW","date":"2026-11-23"}""", """{"pair":"JPYKRW","date":"2026-11-23"}"""], messages.Select(m => m.Value));
        Assert.Equal(["USDKRW", "JPYKRW"], messages.Select(m => m.Key));
        Assert.Equal(["fx@2026-11-23T00:00:00Z#1", "fx@2026-11-23T00:00:00Z#2"], messages.Select(m => m.Header(MessageHeaders.CorrelationId)));
        Assert.All(messages, m => Assert.Equal(("7", "fx", "2026-11-23", "kairos-fx"),
            (m.Header(MessageHeaders.RunId), m.Header(MessageHeaders.Job), m.Header(MessageHeaders.BusinessDate), m.Header("source"))));
    }

    [Fact]
    public void Template_WithoutItems_OneMessage()
    {
        var source = new TemplateMessages("ping {{runId}}", []);
        var (messages, _) = MessageBatch.FromTemplate(Action(source), Key, source, Variables);
        Assert.NotNull(messages);
        Assert.Equal("ping 7", Assert.Single(messages).Value);
    }

    [Fact]
    public void Template_APlaceholderWithoutValue_NothingBuilt_TheErrorNamesElementAndPlaceholder()
    {
        var source = new TemplateMessages("{{item.pair}} {{item.amount}}",
            [MessageItem.Of(new Dictionary<string, string> { ["pair"] = "A", ["amount"] = "1" }), MessageItem.Of(new Dictionary<string, string> { ["pair"] = "B" })]);
        var (messages, error) = MessageBatch.FromTemplate(Action(source), Key, source, Variables);
        Assert.Null(messages);
        Assert.Equal("the template's {{item.amount}} has no value for element 2", error);
    }

    [Fact]
    public void JsonLines_ValueStringOrObject_KeyAndHeaders_BlankLinesIgnored()
    {
        var (messages, error) = MessageBatch.FromJsonLines(Action(new CommandMessages(null!)), Key,
            ["""{"value":"plain","key":"k1"}""", "", """{"value":{"a":1},"headers":{"x":"y"}}"""], Variables);
        Assert.Null(error);
        Assert.NotNull(messages);
        Assert.Equal(["plain", """{"a":1}"""], messages.Select(m => m.Value));
        Assert.Equal(["k1", null], messages.Select(m => m.Key));
        Assert.Equal("y", messages[1].Header("x"));
        Assert.Equal("fx@2026-11-23T00:00:00Z#2", messages[1].Header(MessageHeaders.CorrelationId));
    }

    [Theory]
    [InlineData("not json", "output line 2 is not JSON")]
    [InlineData("""{"key":"k"}""", "output line 2 needs an object with a \"value\"")]
    [InlineData("""{"value":"v","key":5}""", "output line 2: \"key\" must be a string")]
    [InlineData("""{"value":"v","headers":{"h":1}}""", "output line 2: header \"h\" must be a string")]
    public void JsonLines_ABadLine_NothingBuilt_TheErrorNamesTheLine(string line, string expected)
    {
        var (messages, error) = MessageBatch.FromJsonLines(Action(new CommandMessages(null!)), Key, ["""{"value":"ok"}""", line], Variables);
        Assert.Null(messages);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_ListsNames_AndAnUnclosedOne()
    {
        Assert.Equal(["a", "item.b", "{{c"], MessageTemplate.Placeholders("{{a}} x {{ item.b }} {{c"));
    }
}
