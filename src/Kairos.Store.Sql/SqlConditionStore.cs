using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

/// <summary>External conditions by name and business date (stored yyyy-MM-dd, so text order is date order).</summary>
internal sealed class SqlConditionStore(SqlDialect dialect) : IConditionStore
{
    private const string Columns = "name, business_date, set_at, set_by, reason";

    // Insert-if-absent in one statement: of two setters at once, exactly one gets true, and the first setting stays.
    public async Task<bool> SetAsync(ConditionRecord condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO conditions ({Columns}) VALUES (@name, @date, @at, @by, @reason) ON CONFLICT (name, business_date) DO NOTHING",
            new
            {
                name = condition.Name, date = BusinessDates.ToText(condition.BusinessDate), at = UnixTime.ToMs(condition.SetAt),
                by = condition.SetBy, reason = condition.Reason,
            },
            scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public async Task<bool> RemoveAsync(string name, DateOnly businessDate, CancellationToken cancellationToken = default)
    {
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var n = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM conditions WHERE name = @name AND business_date = @date",
            new { name, date = BusinessDates.ToText(businessDate) }, scope.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return n > 0;
    }

    public Task<IReadOnlyList<ConditionRecord>> ListAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {Columns} FROM conditions WHERE business_date >= @from AND business_date <= @to ORDER BY business_date, name",
            new { from = BusinessDates.ToText(from), to = BusinessDates.ToText(to) }, cancellationToken);

    public Task<IReadOnlyList<ConditionRecord>> SetSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync(
            $"SELECT {Columns} FROM conditions WHERE set_at >= @since ORDER BY set_at, business_date, name",
            new { since = UnixTime.ToMs(since) }, cancellationToken);

    private async Task<IReadOnlyList<ConditionRecord>> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Name, string BusinessDate, long SetAt, string SetBy, string? Reason)>(
            new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new ConditionRecord(r.Name, BusinessDates.Parse(r.BusinessDate), UnixTime.FromMs(r.SetAt), r.SetBy, r.Reason)).ToList();
    }
}
