using System.Globalization;
using Kairos.Core.Ports;

namespace Kairos.Executors;

/// <summary>What a node learns from the journals after a restart, and how it follows an attempt it did not start.</summary>
public sealed partial class CommandExecutor
{
    // A node's folder exists wherever it ran (it writes its heartbeat there every second): here, or on a disk shared with it.
    public bool Knows(string node) => Directory.Exists(AttemptJournal.NodeFolder(options.Root, node));

    public AttemptTrace Inspect(string node, long runId, int attempt)
    {
        var journal = AttemptJournal.Of(options.Root, node, runId, attempt);
        if (journal.Supervisor() is not { } supervisor) return new AttemptTrace(AttemptStatus.NotStarted);
        if (journal.Exit() is { } exit) return Ended(exit, journal);
        if (ProcStat.IsAlive(supervisor.Pid, supervisor.StartTime)) return new AttemptTrace(AttemptStatus.Running);
        // It may have written the exit file between the two looks, just before it exited.
        return journal.Exit() is { } late ? Ended(late, journal) : new AttemptTrace(AttemptStatus.Lost, new ActionOutcome(false, Vanished));
    }

    public async Task<ActionOutcome> AdoptAsync(ActionContext context, string node, int linesStored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(linesStored);
        var journal = AttemptJournal.Of(options.Root, node, context.Run.Id, context.Run.Attempt);
        if (journal.Supervisor() is not { } supervisor)
            return new ActionOutcome(false, $"attempt {context.Run.Attempt} of run {context.Run.Id} has no journal on node {node}: it never began");
        // The adopted attempt's secrets are read again only to mask them; one that is gone now cannot be in its output anew.
        context = Masked(context, ResolveEnvironment(context).Secrets);
        using var tail = new JournalTail(journal.LogPath, linesStored);
        var outcome = await FollowAsync(journal, tail, context, () => ProcStat.IsAlive(supervisor.Pid, supervisor.StartTime), null, AdoptedPollInterval, cancellationToken).ConfigureAwait(false);
        return outcome ?? new ActionOutcome(false, Vanished);
    }

    public void Heartbeat(string node) => NodeHeartbeat.Touch(options.Root, node);

    public void Forget(string node, long runId, int attempt)
    {
        var folder = AttemptJournal.Of(options.Root, node, runId, attempt).Folder;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    public IReadOnlyList<(long RunId, int Attempt)> Journaled(string node)
    {
        var attempts = Path.Combine(AttemptJournal.NodeFolder(options.Root, node), "attempts");
        if (!Directory.Exists(attempts)) return [];
        return [.. Directory.EnumerateDirectories(attempts).Select(Path.GetFileName).Select(ParseName).OfType<(long, int)>().Order()];
    }

    private static AttemptTrace Ended(ExitRecord exit, AttemptJournal journal) =>
        new(AttemptStatus.Ended, exit.ToOutcome(journal.StopRequested));

    private static (long RunId, int Attempt)? ParseName(string? name) =>
        name?.Split('-') is [var run, var attempt]
        && long.TryParse(run, NumberStyles.None, CultureInfo.InvariantCulture, out var r)
        && int.TryParse(attempt, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            ? (r, a)
            : null;
}
