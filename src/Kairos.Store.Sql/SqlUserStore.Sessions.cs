using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed partial class SqlUserStore
{
    private const string SessionColumns =
        "id_hash AS idhash, user_name AS username, created_at AS createdat, absolute_expiry AS absoluteexpiry, idle_expiry AS idleexpiry, revoked_at AS revokedat, ticket";

    public async Task AddSessionAsync(SessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(
            "INSERT INTO sessions (id_hash, user_name, created_at, absolute_expiry, idle_expiry, revoked_at, ticket) VALUES (@IdHash, @UserName, @CreatedAt, @AbsoluteExpiry, @IdleExpiry, @RevokedAt, @Ticket)",
            new
            {
                session.IdHash, session.UserName, CreatedAt = UnixTime.ToMs(session.CreatedAt), AbsoluteExpiry = UnixTime.ToMs(session.AbsoluteExpiry),
                IdleExpiry = UnixTime.ToMs(session.IdleExpiry), RevokedAt = UnixTime.ToMs(session.RevokedAt), session.Ticket,
            }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SessionRecord?> FindSessionAsync(string idHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<SessionRow>($"SELECT {SessionColumns} FROM sessions WHERE id_hash = @idHash", new { idHash }).ConfigureAwait(false);
        return row?.ToRecord();
    }

    public async Task<bool> RenewSessionAsync(string idHash, string ticket, DateTimeOffset idleExpiry, CancellationToken cancellationToken = default) =>
        await WriteAsync("UPDATE sessions SET ticket = @ticket, idle_expiry = CASE WHEN @idle < absolute_expiry THEN @idle ELSE absolute_expiry END WHERE id_hash = @idHash AND revoked_at IS NULL",
            new { idHash, ticket, idle = UnixTime.ToMs(idleExpiry) }, cancellationToken).ConfigureAwait(false) > 0;

    public async Task<bool> EndSessionAsync(string idHash, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        await WriteAsync("UPDATE sessions SET revoked_at = @at WHERE id_hash = @idHash AND revoked_at IS NULL",
            new { idHash, at = UnixTime.ToMs(at) }, cancellationToken).ConfigureAwait(false) > 0;

    public Task<int> EndSessionsOfAsync(string userName, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE sessions SET revoked_at = @at WHERE user_name = @userName AND revoked_at IS NULL AND absolute_expiry > @at AND idle_expiry > @at",
            new { userName, at = UnixTime.ToMs(at) }, cancellationToken);

    public Task<int> DeleteEndedSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync("DELETE FROM sessions WHERE revoked_at IS NOT NULL OR absolute_expiry <= @now OR idle_expiry <= @now",
            new { now = UnixTime.ToMs(now) }, cancellationToken);

    private async Task<int> WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var changed = await scope.Connection.ExecuteAsync(sql, parameters, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return changed;
    }

    private sealed record SessionRow(string IdHash, string UserName, long CreatedAt, long AbsoluteExpiry, long IdleExpiry, long? RevokedAt, string Ticket)
    {
        public SessionRecord ToRecord() => new(IdHash, UserName, UnixTime.FromMs(CreatedAt), UnixTime.FromMs(AbsoluteExpiry), UnixTime.FromMs(IdleExpiry), UnixTime.FromMs(RevokedAt), Ticket);
    }
}
