using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed partial class SqlUserStore
{
    // One write transaction counts the failure and, at the limit, locks: two nodes counting at once cannot both miss it.
    public async Task<DateTimeOffset?> RecordSignInFailureAsync(string name, DateTimeOffset at, SignInLockout lockout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lockout);
        if (lockout.Failures <= 0) return null;
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        // Failures older than the window start the count again. A locked or disabled account counts nothing, so guessing
        // on during a lock neither extends it nor starts the next one early.
        var failures = await scope.Connection.ExecuteScalarAsync<long?>(
            """
            UPDATE users SET
                failed_sign_ins = CASE WHEN failures_since IS NULL OR failures_since <= @windowStart THEN 1 ELSE failed_sign_ins + 1 END,
                failures_since = CASE WHEN failures_since IS NULL OR failures_since <= @windowStart THEN @at ELSE failures_since END
            WHERE name = @name AND disabled = 0 AND (locked_until IS NULL OR locked_until <= @at)
            RETURNING failed_sign_ins
            """,
            new { name, at = UnixTime.ToMs(at), windowStart = UnixTime.ToMs(at - lockout.Window) }, scope.Transaction).ConfigureAwait(false);
        DateTimeOffset? lockedUntil = null;
        if (failures >= lockout.Failures)
        {
            lockedUntil = at + lockout.LockFor;
            await scope.Connection.ExecuteAsync("UPDATE users SET locked_until = @until, failed_sign_ins = 0, failures_since = NULL WHERE name = @name",
                new { name, until = UnixTime.ToMs(lockedUntil.Value) }, scope.Transaction).ConfigureAwait(false);
        }
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return lockedUntil;
    }

    public Task ClearSignInFailuresAsync(string name, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE users SET failed_sign_ins = 0, failures_since = NULL WHERE name = @name AND failures_since IS NOT NULL", new { name }, cancellationToken);

    public async Task<bool> UnlockAsync(string name, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var wasLocked = await scope.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE name = @name AND locked_until > @now",
            new { name, now = UnixTime.ToMs(now) }, scope.Transaction).ConfigureAwait(false) > 0;
        await scope.Connection.ExecuteAsync("UPDATE users SET locked_until = NULL, failed_sign_ins = 0, failures_since = NULL WHERE name = @name",
            new { name }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return wasLocked;
    }
}
