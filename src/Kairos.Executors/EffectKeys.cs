using Kairos.Core.Messages;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Executors;

/// <summary>
/// Finds the occasion a run acts for: a rerun acts for the run it reruns (to the start of the chain), so a rerun of a
/// slot names its effects by that slot, and a rerun of an event run by that run's message.
/// </summary>
public static class EffectKeys
{
    // A chain longer than this is treated as starting here: reruns of reruns are rare, and a loop must not hang a run.
    private const int MaxHops = 50;

    /// <param name="runs">The store to follow reruns in; without it, the run itself is the occasion.</param>
    public static async Task<EffectKey> ForAsync(ActionContext context, IRunStore? runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var origin = context.Run;
        for (var hops = 0; runs is not null && origin.RerunOf is { } earlier && hops < MaxHops; hops++)
        {
            if (await runs.GetAsync(earlier, cancellationToken).ConfigureAwait(false) is not { } found) break;
            origin = found;
        }
        var message = origin.Id == context.Run.Id ? context.Message?.Id
            : origin.Trigger == TriggerKind.Event && runs is not null ? (await runs.TriggerMessageAsync(origin.Id, cancellationToken).ConfigureAwait(false))?.Id
            : null;
        return EffectKey.For(origin, message);
    }
}
