using System.Collections.Concurrent;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;
using Kairos.Core.Slots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Scheduling;

/// <summary>
/// Writes every job's slots up to now + lookahead into the store as runs. The store's unique (job, slot) key makes a
/// second planner, a restart or a replayed pass harmless; the watermark only saves work.
/// </summary>
public sealed class SlotPlanningService(IKairosStore store, JobCatalog catalog, SchedulerOptions options, SchedulerEvents events, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _plannedUntil = new(StringComparer.Ordinal);

    /// <summary>One planning pass at <paramref name="now"/>; returns the number of runs created.</summary>
    public async Task<int> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var runs = new List<NewRun>();
        var marks = new List<(string, DateTimeOffset)>();
        var to = now + options.Lookahead;
        foreach (var job in catalog.Jobs)
        {
            if (job.Schedule is null) continue;
            var from = Watermark(job.Id, now);
            if (from < now - options.MaxLookback) from = now - options.MaxLookback;
            if (to <= from) continue;
            // One job whose slots cannot be planned is logged and left where it was; the others are planned.
            try
            {
                var calendar = job.Schedule.CalendarId is { } id ? catalog.Calendars.Find(id) : null;
                var slots = SlotPlanner.Plan(job, calendar, from, to).ToList();
                AddRuns(job, slots, now, runs);
                marks.Add((job.Id, to));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _logger.LogError(e, "Planning the slots of job {JobId} failed; the other jobs are planned, this one is tried again on the next pass", job.Id);
            }
        }
        var created = await store.Runs.AddSlotRunsAsync(runs, now, cancellationToken).ConfigureAwait(false);
        // Runs first, watermark second: a crash in between re-plans the same slots, which the unique key absorbs.
        await store.Jobs.AdvancePlannedUntilAsync(marks, cancellationToken).ConfigureAwait(false);
        foreach (var (id, until) in marks) _plannedUntil[id] = until;
        events.OnPlanned(created);
        return created;
    }

    private DateTimeOffset Watermark(string jobId, DateTimeOffset now)
    {
        if (_plannedUntil.TryGetValue(jobId, out var mine)) return mine;
        // A job this store has never planned starts now: its history before it existed is not "missed".
        return catalog.StoredPlannedUntil.TryGetValue(jobId, out var stored) && stored is { } s ? s : now;
    }

    private void AddRuns(Job job, List<PlannedSlot> slots, DateTimeOffset now, List<NewRun> runs)
    {
        var missedBefore = now - options.MisfireThreshold;
        var missedCount = slots.FindIndex(s => s.Key.SlotTime >= missedBefore);
        if (missedCount < 0) missedCount = slots.Count;
        var decided = missedCount == 0 ? slots : [.. MisfireDecider.Decide(job.Misfire, slots[..missedCount], now), .. slots[missedCount..]];
        foreach (var slot in decided)
        {
            runs.Add(slot.Runs
                // A dependent job's slot waits for its dependencies before any node may claim it.
                ? new NewRun(job.Id, slot.Key.SlotTime, TriggerKind.Time, slot.BusinessDate, slot.Key.SlotTime > now ? slot.Key.SlotTime : now,
                    job.HasDependencies ? RunState.Waiting : RunState.Scheduled)
                : new NewRun(job.Id, slot.Key.SlotTime, TriggerKind.Time, slot.BusinessDate, slot.Key.SlotTime, RunState.Skipped, slot.Skip, slot.Why is null ? null : StoredReason.Write(slot.Why)));
        }
    }
}
