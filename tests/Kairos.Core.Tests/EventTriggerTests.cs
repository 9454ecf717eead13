using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Triggers;
using Kairos.Definitions;

namespace Kairos.Core.Tests;

public sealed class EventTriggerTests
{
    private const string Triggered = """
        id: store-rate
        trigger:
          topic: fx.responses
          key: "USD*"
          headers: { kind: rate }
        action:
          kafkaPublish:
            topic: fx.audit
            key: "{{messageKey}}"
            template: '{"seen":{{messageValue}},"date":"{{businessDate}}"}'
        """;

    private static readonly Dictionary<string, string> Rate = new() { ["kind"] = "rate" };

    [Theory]
    [InlineData("USD*", "USDKRW", true)]
    [InlineData("USD*", "USD", true)]
    [InlineData("USD*", "JPYKRW", false)]
    [InlineData("*KRW", "EURKRW", true)]
    [InlineData("*KRW", "KRWUSD", false)]
    [InlineData("USD*KRW", "USDKRW", true)]
    [InlineData("U*D*W", "USDKRW", true)]
    [InlineData("US*SD", "USD", false)]
    [InlineData("USDKRW", "USDKRW", true)]
    [InlineData("USDKRW", "usdkrw", false)]
    [InlineData("*", "", true)]
    public void Glob_MatchesTheWholeText_StarIsAnyRun(string pattern, string text, bool matches) =>
        Assert.Equal(matches, EventTrigger.Glob(pattern, text));

    [Fact]
    public void Matches_KeyAndEveryHeaderMustPass_AMissingOneNeverMatches()
    {
        var trigger = new EventTrigger("fx.responses", "USD*", Rate);
        Assert.True(trigger.Matches("USDKRW", n => n == "kind" ? "rate" : null));
        Assert.False(trigger.Matches("JPYKRW", n => n == "kind" ? "rate" : null));
        Assert.False(trigger.Matches("USDKRW", n => n == "kind" ? "error" : null));
        Assert.False(trigger.Matches("USDKRW", _ => null));
        Assert.False(trigger.Matches(null, n => "rate"));
        Assert.True(new EventTrigger("t", null, new Dictionary<string, string>()).Matches(null, _ => null));
    }

    [Fact]
    public void BusinessDate_TheMessagesHeaderWins_OtherwiseTheArrivalDateInTheZone()
    {
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        var lateUtc = new DateTimeOffset(2026, 11, 22, 16, 30, 0, TimeSpan.Zero); // 01:30 on the 23rd in Seoul
        Assert.Equal(new DateOnly(2026, 11, 23), EventTrigger.BusinessDateOf(null, lateUtc, seoul));
        Assert.Equal(new DateOnly(2026, 11, 20), EventTrigger.BusinessDateOf("2026-11-20", lateUtc, seoul));
        Assert.Equal(new DateOnly(2026, 11, 22), EventTrigger.BusinessDateOf(null, lateUtc, TimeZoneInfo.Utc));
        Assert.Equal(new DateOnly(2026, 11, 23), EventTrigger.BusinessDateOf("not a date", lateUtc, seoul));
    }

    [Fact]
    public void BusinessDate_WithoutAHeader_FollowsTheJobsCalendarRule()
    {
        var seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
        var bank = Kairos.Calendars.BuiltInCalendars.Default.Get("KR-BANK")!;
        var saturday = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(9));
        Assert.Equal(new DateOnly(2026, 11, 30), EventTrigger.BusinessDateOf(null, saturday, seoul, bank.DateRule, bank));
        var night = new Kairos.Calendars.BusinessDateRule(new TimeOnly(6, 0), Kairos.Calendars.ClosedDayBooking.PreviousBusinessDay);
        var tuesdayNight = new DateTimeOffset(2026, 12, 1, 1, 30, 0, TimeSpan.FromHours(9));
        Assert.Equal(new DateOnly(2026, 11, 30), EventTrigger.BusinessDateOf(null, tuesdayNight, seoul, night, bank));
        Assert.Equal(new DateOnly(2026, 11, 27), EventTrigger.BusinessDateOf(null, saturday, seoul, night, bank));
        Assert.Equal(new DateOnly(2026, 11, 20), EventTrigger.BusinessDateOf("2026-11-20", saturday, seoul, night, bank));
    }

    [Fact]
    public void ActionContext_ExposesTheMessage_AndTextInsideItIsNotExpandedAgain()
    {
        var run = new Run(7, "store-rate", null, TriggerKind.Event, new DateOnly(2026, 11, 23), RunState.Running, 1,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null, null, null, null, null, null, null, null, false);
        var message = new TriggerMessage("fx:1:2", "fx.responses", 3, 99, "USDKRW", "{{runId}} {{messageKey}}", [new("kind", "rate")], DateTimeOffset.UnixEpoch);
        var context = new ActionContext(run, JobDefinitionTests.Load(Triggered).Job!, new NullOutput(), message);
        Assert.Equal("fx.responses/3/99 USDKRW {\"kind\":\"rate\"}", context.Expand("{{messageTopic}}/{{messagePartition}}/{{messageOffset}} {{messageKey}} {{messageHeaders}}"));
        Assert.Equal("7: {{runId}} {{messageKey}}", context.Expand("{{runId}}: {{messageValue}}"));
        Assert.False(new ActionContext(run, JobDefinitionTests.Load(Triggered).Job!, new NullOutput()).Variables.ContainsKey("messageValue"));
    }

    [Fact]
    public void Load_Trigger_MapsTopicAndFilters_AndTemplatesMayNameTheMessage()
    {
        var (job, errors) = JobDefinitionTests.Load(Triggered);
        Assert.Empty(errors);
        Assert.Equal(("fx.responses", "USD*", "rate"), (job!.Trigger!.Topic, job.Trigger.KeyPattern, job.Trigger.HeaderPatterns["kind"]));
        Assert.Null(job.Schedule);
    }

    [Theory]
    [InlineData("  topic: fx.responses\n", "  topic: fx responses\n", 3, "trigger.topic", "is not a Kafka topic name")]
    [InlineData("  topic: fx.responses\n", "  topc: fx.responses\n", 3, "trigger.topc", "unknown field 'topc'")]
    [InlineData("  key: \"USD*\"\n", "  key: \"\"\n", 4, "trigger.key", "leave it out to take every key")]
    [InlineData("{ kind: rate }", "{ kind: '' }", 5, "trigger.headers.kind", "is empty")]
    public void Load_BrokenTrigger_ErrorNamesLineAndField(string find, string replace, int line, string field, string message)
    {
        Assert.Contains(find, Triggered, StringComparison.Ordinal);
        var (job, errors) = JobDefinitionTests.Load(Triggered.Replace(find, replace, StringComparison.Ordinal));
        Assert.Null(job);
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MessageVariables_InAJobWithoutATrigger_AreUnknown()
    {
        var (job, errors) = JobDefinitionTests.Load(Triggered.Replace("trigger:\n  topic: fx.responses\n  key: \"USD*\"\n  headers: { kind: rate }\n", "", StringComparison.Ordinal));
        Assert.Null(job);
        Assert.Contains(errors, e => e.Field == "action.kafkaPublish.key" && e.Message.Contains("{{messageKey}} has no value", StringComparison.Ordinal));
    }

    private sealed class NullOutput : IRunOutput
    {
        public void Write(LogStream stream, string line) { }
    }
}
