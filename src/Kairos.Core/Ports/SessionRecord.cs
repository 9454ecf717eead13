namespace Kairos.Core.Ports;

/// <summary>
/// A console session as stored. The cookie carries the session id; the store keeps only its SHA-256
/// (<see cref="IdHash"/>), so a copy of the table cannot be replayed. <see cref="AbsoluteExpiry"/> is fixed at sign-in;
/// only <see cref="IdleExpiry"/> moves, and never past it. <see cref="Ticket"/> is the protected sign-in ticket.
/// </summary>
public sealed record SessionRecord(string IdHash, string UserName, DateTimeOffset CreatedAt, DateTimeOffset AbsoluteExpiry, DateTimeOffset IdleExpiry, DateTimeOffset? RevokedAt, string Ticket)
{
    public bool IsLiveAt(DateTimeOffset now) => RevokedAt is null && AbsoluteExpiry > now && IdleExpiry > now;
}
