using Microsoft.Extensions.Logging;

namespace Kairos.Scheduling;

public sealed partial class KairosScheduler
{
    /// <summary>Judges this store's waiting runs now (also run by the dependency loop); released runs are claimed at once.</summary>
    public async Task<DependencyPassResult> ResolveDependenciesAsync(CancellationToken cancellationToken = default)
    {
        var result = await _dependencies.ResolveAsync(clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (result.Released > 0) Wake();
        foreach (var run in result.TimedOut ?? []) events.OnRunSkipped(run);
        return result;
    }

    /// <summary>Judges <paramref name="job"/>'s dependencies for one business date as they stand now, for explain.</summary>
    public Task<Kairos.Core.Dependencies.DependencyVerdict> JudgeDependenciesAsync(Kairos.Core.Jobs.Job job, DateOnly businessDate, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return _dependencies.JudgeAsync(job, businessDate, now, now, cancellationToken);
    }

    private void WakeDependencies()
    {
        try { if (_dependencyWake.CurrentCount == 0) _dependencyWake.Release(); }
        catch (SemaphoreFullException) { }
        catch (ObjectDisposedException) { }
    }

    // Woken by every outcome this node writes, so a downstream run starts within milliseconds of its upstream's success
    // here; outcomes other nodes write are seen within the interval.
    private Task DependencyLoopAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ResolveDependenciesAsync(cancellationToken).ConfigureAwait(false);
                using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(_dependencyWake.WaitAsync(delay.Token), Task.Delay(options.DependencyInterval, clock, delay.Token)).ConfigureAwait(false);
                await delay.CancelAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Dependency pass failed; retrying");
                try { await Task.Delay(options.DependencyInterval, clock, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
            }
        }
    }, CancellationToken.None);
}
