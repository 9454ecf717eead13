using System.Threading.RateLimiting;

namespace Kairos.Server.Access;

/// <summary>
/// Anyone can send a made-up callback, and each failure is audited; like password sign-ins, an address gets
/// <see cref="AccessOptions.SignInAttemptsPerMinute"/> failed callbacks a minute, so nobody can flood the audit log.
/// The callback is answered inside the authentication middleware, before the endpoint rate limiter could see it.
/// </summary>
internal sealed class SingleSignOnFailureLimit(AccessOptions access) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = access.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public bool Allows(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "local");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
