using System.Threading.Channels;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Microsoft.Extensions.Logging;

namespace Kairos.Scheduling;

/// <summary>
/// Turns claimed runs into running ones in the store just before their actions begin, many in one statement: every
/// run due at one instant costs one round trip, not one each. A run the store refuses (its claim lapsed and another
/// node took it, or an operator cancelled it) does not start here. When the store cannot be written, nothing starts:
/// the claims lapse and the runs are claimed again once it recovers, late and under the misfire policy.
/// </summary>
internal sealed class RunStarter(IRunStore runs, SchedulerOptions options, TimeProvider clock, ILogger logger)
{
    private readonly Channel<(Run Claimed, TaskCompletionSource<Run?> Started)> _queue =
        Channel.CreateUnbounded<(Run, TaskCompletionSource<Run?>)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The started run (attempt and lease as the store now holds them), or null when it must not run here.</summary>
    public Task<Run?> StartAsync(Run claimed)
    {
        var started = new TaskCompletionSource<Run?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((claimed, started))) started.SetResult(null);
        return started.Task;
    }

    public Task RunAsync(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = new List<(Run Claimed, TaskCompletionSource<Run?> Started)>();
                while (batch.Count < options.MaxClaim && _queue.Reader.TryRead(out var item)) batch.Add(item);
                await StartBatchAsync(batch).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        while (_queue.Reader.TryRead(out var left)) left.Started.TrySetResult(null);
    }, CancellationToken.None);

    private async Task StartBatchAsync(List<(Run Claimed, TaskCompletionSource<Run?> Started)> batch)
    {
        try
        {
            var started = (await runs.StartAsync(options.NodeId, batch.Select(b => b.Claimed).ToList(), clock.GetUtcNow(), options.Lease).ConfigureAwait(false))
                .ToDictionary(r => r.Id);
            foreach (var (claimed, result) in batch)
            {
                if (!started.ContainsKey(claimed.Id))
                    logger.LogInformation("Run {RunId} of {JobId} was not started here: its claim lapsed and another node took it, or it was cancelled", claimed.Id, claimed.JobId);
                result.TrySetResult(started.GetValueOrDefault(claimed.Id));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Could not record the start of {Count} run(s); they did not start and will be claimed again", batch.Count);
            foreach (var (_, result) in batch) result.TrySetResult(null);
        }
    }
}
