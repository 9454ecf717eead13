using System.Text;
using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Core.Messages;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;
using Kairos.Core.Triggers;
using Kairos.Kafka.Consuming;

namespace Kairos.Kafka.Triggers;

/// <summary>
/// Turns each message that passes <paramref name="job"/>'s trigger filter into one queued run of the job, with the
/// message kept beside it. The run is created inside the consumer's inbox transaction, so a message redelivered after
/// a crash or a rebalance finds its run and creates no second one.
/// </summary>
public sealed class EventRunHandler(Job job, IRunStore runs, TimeProvider clock, ICalendarSource? calendars = null) : IMessageHandler
{
    private readonly EventTrigger _trigger = job.Trigger ?? throw new ArgumentException($"job '{job.Id}' has no trigger", nameof(job));
    private readonly TimeZoneInfo _zone = job.Schedule?.Zone ?? Schedule.DefaultZone;

    /// <summary>The consumer name (and so the inbox, and the default consumer group) of a job's trigger.</summary>
    public static string ConsumerName(string jobId) => "kairos-trigger-" + jobId;

    public bool Wants(ConsumedMessage message) => _trigger.Matches(message.Key, message.Header);

    public async Task HandleAsync(ConsumedMessage message, IStoreTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow();
        // Looked up per message: an override or a new calendar definition applies from the next message on.
        var calendar = job.Schedule?.CalendarId is { } id ? calendars?.Find(id) : null;
        var businessDate = EventTrigger.BusinessDateOf(message.Header(MessageHeaders.BusinessDate), now, _zone, job.Schedule?.DateRuleOn(calendar), calendar);
        var run = new NewRun(job.Id, null, TriggerKind.Event, businessDate, now, RunState.Queued,
            Detail: $"triggered by message {message.Id} at {message.Topic}/{message.Partition}/{message.Offset}");
        await runs.AddEventRunAsync(run, ToTrigger(message), transaction, now, cancellationToken).ConfigureAwait(false);
    }

    private static TriggerMessage ToTrigger(ConsumedMessage m) =>
        new(m.Id, m.Topic, m.Partition, m.Offset, m.Key, Encoding.UTF8.GetString(m.Value), m.Headers, m.Timestamp);
}
