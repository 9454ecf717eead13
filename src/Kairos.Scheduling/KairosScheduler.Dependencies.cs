using Microsoft.Extensions.Logging;

namespace Kairos.Scheduling;

public sealed partial class KairosScheduler
{
    /// <summary>Judges this store's waiting runs now (also run by the dependency loop); released runs are claimed at once.</summary>
    public Task<DependencyPassResult> ResolveDependenciesAsync(CancellationToken cancellationToken = default) =>
        ResolveDependenciesAsync(readEndings: true, cancellationToken);

    private async Task<DependencyPassResult> ResolveDependenciesAsync(bool readEndings, CancellationToken cancellationToken)
    {
        var result = await _dependencies.ResolveAsync(clock.GetUtcNow(), readEndings, cancellationToken).ConfigureAwait(false);
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
    // here. These passes work from the outcomes written here; the store's endings, including those other nodes write,
    // are read by the pass of the dependency interval (DependencyScanAsync), which runs beside them rather than holding
    // up the next wave behind its read.
    private Task DependencyLoopAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _dependencyWake.WaitAsync(cancellationToken).ConfigureAwait(false);
                await ResolveDependenciesAsync(readEndings: false, cancellationToken).ConfigureAwait(false);
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

    private Task DependencyScanAsync(CancellationToken cancellationToken) => ResolveDependenciesAsync(readEndings: true, cancellationToken);
}
