using Kairos.Core.Ports;
using Kairos.Core.Reasons;
using Kairos.Core.Secrets;

namespace Kairos.Executors;

/// <summary>
/// An attempt that cannot start because secret references could not be read: the run's log says so in English (the
/// log is the node's record), the run's detail keeps the reason code so it reads in the viewer's language.
/// </summary>
internal static class SecretsMissingOutcome
{
    public static ActionOutcome For(ActionContext context, SecretResolver resolver, Reason missing)
    {
        context.Output.Write(LogStream.System, $"secret reference(s) could not be read: {string.Join(", ", resolver.Missing)}; the attempt did not start");
        return new ActionOutcome(false, StoredReason.Write(missing));
    }
}
