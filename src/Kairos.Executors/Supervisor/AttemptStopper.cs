namespace Kairos.Executors;

/// <summary>
/// Stops an attempt's command when its run is cancelled: SIGTERM to the command's process group, then SIGKILL once the
/// grace period has passed. Each step is one call to <see cref="Tick"/>, made on every look at the journal after the
/// cancellation; what it does goes into the log, so the stored output tells it in order with the command's lines.
/// </summary>
internal sealed class AttemptStopper(AttemptJournal journal, TimeSpan grace, TimeProvider clock)
{
    private long? _termSentAt;
    private bool _done;

    public void Tick()
    {
        if (_done || journal.CommandGroup() is not { } group) return; // no command yet: the supervisor is still starting it
        if (_termSentAt is null) Terminate(group);
        else if (clock.GetElapsedTime(_termSentAt.Value) >= grace) ForceKill(group);
    }

    private void Terminate(int group)
    {
        _termSentAt = clock.GetTimestamp();
        var others = ProcStat.GroupSize(group) - 1;
        if (!PosixSignals.GroupExists(group))
        {
            _done = true; // it ended on its own: the outcome is its own, not "stopped"
            return;
        }
        journal.MarkStopRequested();
        journal.AppendSystem($"sending SIGTERM to pid {group}{(others > 0 ? $" and {others} child process(es)" : "")} (its process group); SIGKILL in {grace.TotalSeconds:0.#}s if it does not exit", clock);
        if (!PosixSignals.TerminateGroup(group)) _done = true;
    }

    private void ForceKill(int group)
    {
        _done = true;
        if (!PosixSignals.GroupExists(group)) return;
        journal.AppendSystem($"sending SIGKILL to pid {group} and its children (its process group)", clock);
        PosixSignals.ForceKillGroup(group);
    }
}
