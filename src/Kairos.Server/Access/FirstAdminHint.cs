using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Server.Access;

/// <summary>On a store with no admin, says how to make one: there is no default account to fall back on.</summary>
internal sealed class FirstAdminHint(IKairosStore store, ILogger<FirstAdminHint> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var users = await store.Users.ListAsync(cancellationToken).ConfigureAwait(false);
        if (!users.Any(u => u.Role == Role.Admin && !u.Disabled))
            logger.LogWarning("No admin yet: nobody can sign in or change anything. Create the first one with: ./kairos users add <name> --role admin");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
