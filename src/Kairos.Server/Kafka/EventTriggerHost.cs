using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Triggers;
using Kairos.Scheduling;

namespace Kairos.Server.Kafka;

/// <summary>
/// Keeps one consumer-group member per event-triggered job on this node, following the job catalog: a job that gains a
/// trigger starts consuming, one whose definition changes restarts, one that is removed stops. Every node runs a member
/// of each job's group, so a node that stops hands its partitions to the others; the inbox keeps each message to one run.
/// </summary>
public sealed class EventTriggerHost(
    JobCatalog catalog, CalendarCatalog calendars, KafkaClients clients, IKairosStore store, KairosScheduler scheduler, TimeProvider clock, ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger<EventTriggerHost>();

    /// <summary>This node's trigger consumers by job id: topic, partitions held, counts.</summary>
    public IReadOnlyDictionary<string, KafkaConsumerWorker> Workers
    {
        get { lock (_members) return _members.ToDictionary(m => m.Key, m => m.Value.Worker); }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await FollowAsync(catalog.Jobs.Where(j => j.Trigger is not null).ToDictionary(j => j.Id, StringComparer.Ordinal)).ConfigureAwait(false);
                await Task.Delay(FollowInterval, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            List<Member> stopping;
            lock (_members) { stopping = [.. _members.Values]; _members.Clear(); }
            await Task.WhenAll(stopping.Select(m => m.StopAsync())).ConfigureAwait(false);
        }
    }

    private async Task FollowAsync(Dictionary<string, Job> triggered)
    {
        List<(string Id, Member Member)> gone;
        lock (_members)
        {
            // Only what the consumer uses counts as a change: a restart makes the group rebalance, which takes seconds.
            gone = [.. _members.Where(m => !triggered.TryGetValue(m.Key, out var job) || Identity(job) != m.Value.Identity).Select(m => (m.Key, m.Value))];
            foreach (var (id, _) in gone) _members.Remove(id);
        }
        // The old member leaves the group before its replacement joins, so the two never split the partitions.
        foreach (var (id, member) in gone)
        {
            await member.StopAsync().ConfigureAwait(false);
            _logger.LogInformation("Event trigger of job {JobId} stopped on this node (job removed or its trigger changed)", id);
        }
        lock (_members)
        {
            foreach (var job in triggered.Values.Where(j => !_members.ContainsKey(j.Id)))
            {
                _members[job.Id] = Start(job);
                _logger.LogInformation("Event trigger of job {JobId} consuming {Topic} as group {Group}", job.Id, job.Trigger!.Topic, EventRunHandler.ConsumerName(job.Id));
            }
        }
    }

    private Member Start(Job job)
    {
        var settings = new ConsumerSettings(EventRunHandler.ConsumerName(job.Id), job.Trigger!.Topic);
        var worker = new KafkaConsumerWorker(settings, new EventRunHandler(job, store.Runs, clock, calendars), clients, store.Inbox, clock, loggers.CreateLogger<KafkaConsumerWorker>());
        // The run is committed when this is raised: start it now rather than at the dispatcher's next look.
        worker.Processed += _ => scheduler.Wake();
        var stop = new CancellationTokenSource();
        return new Member(Identity(job), worker, stop, worker.RunAsync(stop.Token));
    }

    // The trigger's topic and filters, and the zone that dates its runs.
    private static string Identity(Job job) =>
        string.Join('\n', [job.Trigger!.Topic, job.Trigger.KeyPattern ?? "", .. job.Trigger.HeaderPatterns.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"), job.Schedule?.Zone.Id ?? ""]);

    private sealed record Member(string Identity, KafkaConsumerWorker Worker, CancellationTokenSource Stop, Task Running)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync().ConfigureAwait(false);
            try { await Running.ConfigureAwait(false); }
            finally { Stop.Dispose(); }
        }
    }
}
