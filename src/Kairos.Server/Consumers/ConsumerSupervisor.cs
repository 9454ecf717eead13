using System.Collections.Concurrent;
using Kairos.Calendars;
using Kairos.Core.Scaling;
using Kairos.Kafka.Consumers;
using Kairos.Kafka.Consuming;
using Kairos.Server.Kafka;

namespace Kairos.Server.Consumers;

/// <summary>
/// The local stand-in for KEDA: for each supervised consumer it reads the group's lag, asks <see cref="ScalingRule"/>
/// how many workers it should have (including the business-hours floor KEDA cannot express), and starts or stops
/// worker processes to match. A worker that dies is replaced on the next look and counted as a restart.
/// </summary>
public sealed class ConsumerSupervisor(
    ConfiguredConsumers consumers, KafkaConnection kafka, KairosServerOptions server, SupervisorOptions supervisor, ICalendarSource calendars,
    TimeProvider clock, ILogger<ConsumerSupervisor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, ConsumerState> _states = new(
        consumers.All.Where(c => c.Value.Supervise).Select(c => KeyValuePair.Create(c.Key, new ConsumerState())), StringComparer.Ordinal);

    /// <summary>What the supervisor last saw and decided, per consumer.</summary>
    public IReadOnlyDictionary<string, ConsumerState> States => _states;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var supervised = consumers.All.Where(c => c.Value.Supervise).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var (name, options) in supervised)
                {
                    try { await CheckAsync(name, options).ConfigureAwait(false); }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        _states[name].Error = e.Message;
                        logger.LogWarning("Consumer {Consumer}: could not read its lag: {Error}", name, e.Message);
                    }
                }
                await Task.Delay(supervisor.Interval, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(_states.Values.SelectMany(s => s.TakeAll()).Select(async w =>
            {
                await w.StopAsync(clock).ConfigureAwait(false);
                w.Dispose();
            })).ConfigureAwait(false);
        }
    }

    private async Task CheckAsync(string name, ConsumerOptions options)
    {
        var state = _states[name];
        var now = clock.GetUtcNow();
        foreach (var gone in state.Reap())
        {
            if (!gone.Stopping)
            {
                state.Restarts++;
                logger.LogError("Consumer {Consumer}: worker {Pid} exited with code {Code}; it will be replaced", name, gone.Pid, gone.ExitCode);
            }
            gone.Dispose();
        }

        var settings = options.Settings(name);
        // The admin and offset reads block their thread while they wait on the brokers.
        var lags = await Task.Run(() => ConsumerLag.Read(kafka.Clients, settings.Group, settings.Topic, TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        var decision = ScalingRule.Decide(options.Scaling, lags, now, state.LastActive, FloorOpen(options.Scaling.Floor, now));
        if (decision.Active) state.LastActive = now;
        var before = state.Running;
        state.Observe(lags, decision, now);

        while (state.Running < decision.Replicas) state.Add(WorkerProcess.Start(Arguments(name), now, logger, name));
        foreach (var surplus in state.Surplus(decision.Replicas)) surplus.RequestStop(now);
        if (state.Running != before)
            logger.LogInformation("Consumer {Consumer}: {Before} → {After} worker(s): {Reason}", name, before, state.Running, decision.Reason);
    }

    private bool FloorOpen(BusinessHoursFloor? floor, DateTimeOffset now)
    {
        if (floor is null || calendars.Find(floor.Calendar) is not { } calendar) return false;
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(floor.TimeZone)).DateTime;
        return ScalingRule.FloorOpen(floor, local, calendar.IsBusinessDay);
    }

    private IEnumerable<string> Arguments(string name)
    {
        yield return name;
        if (server.Postgres is { Length: > 0 } postgres) { yield return "--postgres"; yield return postgres; }
        else { yield return "--data"; yield return server.DataPath; }
        foreach (var argument in consumers.WorkerArguments(name)) yield return argument;
        // Last, so it wins: the embedded cluster's address is known only now, not in any setting.
        yield return $"--Kairos:Kafka:BootstrapServers={kafka.BootstrapServers}";
        yield return $"--Kairos:Worker:ParentPid={Environment.ProcessId}";
    }
}

/// <summary>One consumer as the supervisor sees it: its workers, its lag and the last decision.</summary>
public sealed class ConsumerState
{
    private readonly List<WorkerProcess> _workers = [];

    public DateTimeOffset? LastActive { get; internal set; }

    public ScalingDecision? Decision { get; private set; }

    public IReadOnlyList<PartitionLag> Lags { get; private set; } = [];

    public DateTimeOffset? CheckedAt { get; private set; }

    /// <summary>Workers that exited without being asked to.</summary>
    public int Restarts { get; internal set; }

    /// <summary>Why the last look failed (lag unreadable), or null.</summary>
    public string? Error { get; internal set; }

    /// <summary>Workers running and not asked to stop.</summary>
    public int Running { get { lock (_workers) return _workers.Count(w => !w.Stopping); } }

    public IReadOnlyList<int> Pids { get { lock (_workers) return [.. _workers.Where(w => !w.Stopping).Select(w => w.Pid)]; } }

    internal void Observe(IReadOnlyList<PartitionLag> lags, ScalingDecision decision, DateTimeOffset now) =>
        (Lags, Decision, CheckedAt, Error) = (lags, decision, now, null);

    internal void Add(WorkerProcess worker) { lock (_workers) _workers.Add(worker); }

    /// <summary>The newest workers beyond <paramref name="wanted"/>: the longest-running keep their partitions.</summary>
    internal IReadOnlyList<WorkerProcess> Surplus(int wanted)
    {
        lock (_workers) return [.. _workers.Where(w => !w.Stopping).OrderByDescending(w => w.StartedAt).Take(Math.Max(0, _workers.Count(w => !w.Stopping) - wanted))];
    }

    internal IReadOnlyList<WorkerProcess> Reap()
    {
        lock (_workers)
        {
            var gone = _workers.Where(w => w.Exited).ToList();
            _workers.RemoveAll(gone.Contains);
            return gone;
        }
    }

    internal IReadOnlyList<WorkerProcess> TakeAll()
    {
        lock (_workers)
        {
            var all = _workers.ToList();
            _workers.Clear();
            return all;
        }
    }
}
