using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlApprovalStore(SqlDialect dialect) : IApprovalStore
{
    private const string Columns = "id, action, target, payload, summary, requested_by, reason, requested_at, state, decided_by, decided_at, decision_reason, outcome";

    public async Task<long> AddAsync(ApprovalRecord approval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var id = await scope.Connection.ExecuteScalarAsync<long>(
            "INSERT INTO approvals (action, target, payload, summary, requested_by, reason, requested_at, state) " +
            "VALUES (@Action, @Target, @Payload, @Summary, @RequestedBy, @Reason, @at, 'pending') RETURNING id",
            new { approval.Action, approval.Target, approval.Payload, approval.Summary, approval.RequestedBy, approval.Reason, at = UnixTime.ToMs(approval.RequestedAt) },
            scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return id;
    }

    public async Task<ApprovalRecord?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM approvals WHERE id = @id", new { id }, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<ApprovalRecord>> ListAsync(ApprovalState? state, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM approvals WHERE (CAST(@state AS TEXT) IS NULL OR state = @state) ORDER BY id DESC LIMIT @limit",
            new { state = state?.ToString().ToLowerInvariant(), limit = Math.Clamp(limit, 1, 1000) }, cancellationToken);

    public async Task<bool> DecideAsync(long id, ApprovalState to, string decidedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (to == ApprovalState.Pending) throw new ArgumentException("A decision moves an approval out of pending.", nameof(to));
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync(
            "UPDATE approvals SET state = @to, decided_by = @decidedBy, decided_at = @at, decision_reason = @reason WHERE id = @id AND state = 'pending'",
            new { id, to = to.ToString().ToLowerInvariant(), decidedBy, reason, at = UnixTime.ToMs(at) }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public async Task SetOutcomeAsync(long id, string outcome, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync("UPDATE approvals SET outcome = @outcome WHERE id = @id", new { id, outcome }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ExpireAsync(DateTimeOffset requestedBefore, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // Called on every read of approvals (the dashboard polls them): look first, so the usual case takes no write lock.
        await using (var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            var stale = await connection.ExecuteScalarAsync<long?>("SELECT id FROM approvals WHERE state = 'pending' AND requested_at < @before LIMIT 1",
                new { before = UnixTime.ToMs(requestedBefore) }).ConfigureAwait(false);
            if (stale is null) return 0;
        }
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync(
            "UPDATE approvals SET state = 'expired', decided_at = @at, decided_by = 'kairos' WHERE state = 'pending' AND requested_at < @before",
            new { before = UnixTime.ToMs(requestedBefore), at = UnixTime.ToMs(at) }, scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n;
    }

    private async Task<IReadOnlyList<ApprovalRecord>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new ApprovalRecord(r.Id, r.Action, r.Target, r.Payload, r.Summary, r.Requested_By, r.Reason, UnixTime.FromMs(r.Requested_At),
            Enum.Parse<ApprovalState>(r.State, ignoreCase: true), r.Decided_By, UnixTime.FromMs(r.Decided_At), r.Decision_Reason, r.Outcome)).ToList();
    }

#pragma warning disable CA1707 // column names
    private sealed record Row(long Id, string Action, string Target, string Payload, string Summary, string Requested_By, string? Reason, long Requested_At,
        string State, string? Decided_By, long? Decided_At, string? Decision_Reason, string? Outcome);
#pragma warning restore CA1707
}
