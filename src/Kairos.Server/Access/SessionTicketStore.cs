using System.Security.Cryptography;
using System.Text;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Kairos.Server.Access;

/// <summary>
/// Keeps console sessions in the store; the cookie carries only a random session id. A session therefore ends the
/// moment its row is revoked (sign-out, a disabled user, a new password or role), on every node sharing the store,
/// and ends <see cref="AccessOptions.SessionMax"/> after sign-in from the stored creation time, however active.
/// Any principal signed in with the session scheme is kept, whoever signed it in.
/// </summary>
internal sealed class SessionTicketStore(IKairosStore store, AccessOptions options, TimeProvider clock, IDataProtectionProvider protection) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("Kairos.Sessions.Ticket");

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Sign-ins are rare and every node signs people in, so this is where ended sessions are swept away.
        await store.Users.DeleteEndedSessionsAsync(now, cancellationToken).ConfigureAwait(false);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var absolute = now + options.SessionMax;
        var idle = Earlier(now + options.SessionIdle, absolute);
        await store.Users.AddSessionAsync(new SessionRecord(Hash(id), ticket.Principal.Identity?.Name ?? "", now, absolute, idle, null, Protect(ticket)), cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Slides the idle expiry; the store never moves it past the absolute expiry.</summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        store.Users.RenewSessionAsync(Hash(key), Protect(ticket), clock.GetUtcNow() + options.SessionIdle, cancellationToken);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var session = await store.Users.FindSessionAsync(Hash(key), cancellationToken).ConfigureAwait(false);
        if (session is null || !session.IsLiveAt(clock.GetUtcNow()) || Unprotect(session.Ticket) is not { } ticket) return null;
        // The stored expiries, not the ticket's, decide: the cookie handler's sliding renewal resets the ticket's own.
        ticket.Properties.ExpiresUtc = Earlier(session.IdleExpiry, session.AbsoluteExpiry);
        return ticket;
    }

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        store.Users.EndSessionAsync(Hash(key), clock.GetUtcNow(), cancellationToken);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    private static string Hash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private string Protect(AuthenticationTicket ticket) => Convert.ToBase64String(_protector.Protect(TicketSerializer.Default.Serialize(ticket)));

    /// <summary>Null when the ticket cannot be read, for instance after its key was removed: the session is then over.</summary>
    private AuthenticationTicket? Unprotect(string text)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(Convert.FromBase64String(text)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
