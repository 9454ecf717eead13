using Kairos.Core.Runs;

namespace Kairos.Scheduling.Tests;

public class RunningAttemptTests
{
    private static readonly Run Run = new(1, "j", null, TriggerKind.Manual, null, RunState.Running, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void RequestStop_AfterAttemptFinished_DoesNothing()
    {
        var attempt = new RunningAttempt(Run, new CancellationTokenSource());
        attempt.Stop.Dispose(); // the execution finished and released its token
        attempt.RequestStop(StopReason.Shutdown);
        Assert.Equal(StopReason.Shutdown, attempt.Reason);
    }

    [Fact]
    public void RequestStop_Twice_FirstReasonWins()
    {
        var attempt = new RunningAttempt(Run, new CancellationTokenSource());
        attempt.RequestStop(StopReason.Killed, "alice");
        attempt.RequestStop(StopReason.Shutdown);
        Assert.Equal(StopReason.Killed, attempt.Reason);
        Assert.Equal("alice", attempt.StoppedBy);
        Assert.True(attempt.Stop.IsCancellationRequested);
    }
}
