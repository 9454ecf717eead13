using Kairos.Core.Jobs;

namespace Kairos.Core.Ports;

/// <summary>
/// Carries out one attempt of a run. Cancellation means "stop now" (kill, timeout, shutdown): the executor stops the
/// work and still returns an outcome rather than throwing.
/// </summary>
public interface IActionExecutor
{
    bool CanExecute(JobAction action);

    Task<ActionOutcome> ExecuteAsync(ActionContext context, CancellationToken cancellationToken = default);
}
