using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Kairos.Server.Access;

/// <summary>
/// Behind an ingress, the connection comes from the proxy: the client's address and whether it used HTTPS arrive in
/// X-Forwarded-For, -Proto and -Host. Those headers are believed only from the proxies the settings name, since anyone
/// else could send them; with none named they are ignored. The sign-in limit, the audit log's addresses and secure
/// cookies then see the real client.
/// </summary>
internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, AccessOptions options)
    {
        var proxies = options.KnownProxies.Select(ParseAddress).ToList();
        var networks = options.KnownNetworks.Select(ParseNetwork).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Walk back through every known proxy in a chain (ingress behind a load balancer) to the first address that is not one.
            o.ForwardLimit = null;
            // The framework trusts loopback by default; only what the settings name is trusted here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
        });
        return services;
    }

    /// <summary>Adds the forwarded-headers step when a proxy is named: with empty lists the framework would trust anyone.</summary>
    public static void UseTrustedProxies(this WebApplication app, AccessOptions options)
    {
        if (options.KnownProxies.Length > 0 || options.KnownNetworks.Length > 0) app.UseForwardedHeaders();
    }

    private static IPAddress ParseAddress(string text) => IPAddress.TryParse(text.Trim(), out var address)
        ? address
        : throw new InvalidOperationException($"Kairos:Access:KnownProxies: '{text}' is not an IP address (e.g. 10.0.0.5 or fd00::5).");

    private static System.Net.IPNetwork ParseNetwork(string text) => System.Net.IPNetwork.TryParse(text.Trim(), out var network)
        ? network
        : throw new InvalidOperationException($"Kairos:Access:KnownNetworks: '{text}' is not a network in CIDR form (e.g. 10.0.0.0/8).");
}
