using System.Globalization;
using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlCalendarStore(SqlDialect dialect) : ICalendarStore
{
    public async Task AppendAsync(IReadOnlyList<CalendarOverrideEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await scope.Connection.ExecuteAsync(
            "INSERT INTO calendar_overrides (calendar_id, day, action, name, name_ko, actor, at, reason, source) " +
            "VALUES (@CalendarId, @Day, @Action, @Name, @NameKo, @Actor, @At, @Reason, @Source)",
            entries.Select(e => new
            {
                e.CalendarId, Day = e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Action = e.Action.ToWire(),
                e.Name, e.NameKo, e.Actor, At = UnixTime.ToMs(e.At), e.Reason, e.Source,
            }), scope.Transaction).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CalendarOverrideEntry>> ListAsync(string? calendarId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Id, string CalendarId, string Day, string Action, string? Name, string? NameKo, string Actor, long At, string? Reason, string? Source)>(
            "SELECT id, calendar_id, day, action, name, name_ko, actor, at, reason, source FROM calendar_overrides " +
            "WHERE (CAST(@calendarId AS TEXT) IS NULL OR calendar_id = @calendarId) ORDER BY id",
            new { calendarId }).ConfigureAwait(false);
        return rows.Select(r => new CalendarOverrideEntry(r.CalendarId, DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            OverrideActions.FromWire(r.Action), r.Name, r.NameKo, r.Actor, UnixTime.FromMs(r.At), r.Reason, r.Source, r.Id)).ToList();
    }

    public async Task<long> RevisionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(id) FROM calendar_overrides").ConfigureAwait(false) ?? 0;
    }
}
