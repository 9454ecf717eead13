using Kairos.Core.Jobs;
using Kairos.Core.Ports;

namespace Kairos.Executors;

public sealed class NoopExecutor : IActionExecutor
{
    private static readonly Task<ActionOutcome> Done = Task.FromResult(new ActionOutcome(true, "noop"));

    public bool CanExecute(JobAction action) => action is NoopAction;

    public Task<ActionOutcome> ExecuteAsync(ActionContext context, CancellationToken cancellationToken = default) => Done;
}
