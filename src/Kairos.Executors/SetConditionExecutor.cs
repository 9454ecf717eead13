using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Executors;

/// <summary>
/// Sets a condition for the run's business date. Its one effect is a row the store keeps once (the first setting
/// wins), so a run repeated after a crash, or a message delivered twice, changes nothing: effectively once.
/// </summary>
public sealed class SetConditionExecutor(IKairosStore store, TimeProvider clock) : IActionExecutor
{
    public bool CanExecute(JobAction action) => action is SetConditionAction;

    public async Task<ActionOutcome> ExecuteAsync(ActionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = ((SetConditionAction)context.Job.Action).Name;
        if (context.Run.BusinessDate is not { } date)
            return new ActionOutcome(false, $"run {context.Run.Id} has no business date to set condition {name} for");
        var message = context.Message;
        var setBy = message is null ? $"job:{context.Run.JobId}" : $"message:{message.Topic}";
        var reason = message is null ? $"run {context.Run.Id} of {context.Run.JobId}" : $"message {message.Id} (run {context.Run.Id} of {context.Run.JobId})";
        var created = await store.Conditions.SetAsync(new ConditionRecord(name, date, clock.GetUtcNow(), setBy, reason), cancellationToken).ConfigureAwait(false);
        var text = created
            ? $"condition {name} set for {BusinessDates.ToText(date)}"
            : $"condition {name} was already set for {BusinessDates.ToText(date)}; the first setting is kept";
        context.Output.Write(LogStream.System, text);
        return new ActionOutcome(true, text);
    }
}
