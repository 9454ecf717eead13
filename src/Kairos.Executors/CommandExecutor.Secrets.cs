using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Secrets;

namespace Kairos.Executors;

/// <summary>
/// Secret references in a command's environment are read when its attempt starts and never stored resolved; their
/// values are masked in every output line before it reaches the store. Arguments take no references: a process's
/// arguments are visible to every user of the machine, its environment is not.
/// </summary>
public sealed partial class CommandExecutor
{
    private (IReadOnlyDictionary<string, string> Environment, SecretResolver Secrets) ResolveEnvironment(ActionContext context)
    {
        var resolver = new SecretResolver(secrets ?? new LocalSecretSource(LocalSecretSource.DefaultFolder));
        var declared = (context.Job.Action as CommandAction)?.Environment ?? new Dictionary<string, string>();
        var environment = declared.ToDictionary(e => e.Key, e => resolver.Resolve(e.Value), StringComparer.Ordinal);
        return (environment, resolver);
    }

    private static ActionContext Masked(ActionContext context, SecretResolver resolver) =>
        context with { Output = new MaskedRunOutput(context.Output, resolver.Mask()) };
}
