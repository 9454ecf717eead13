using Dapper;
using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

// The grid of jobs by business date: aggregated in the database, since a job that runs every minute has over a
// thousand runs a date and the grid needs one cell.
internal sealed partial class SqlRunStore
{
    public async Task<IReadOnlyList<DateOnly>> RecentBusinessDatesAsync(IReadOnlyCollection<string>? jobIds, DateOnly until, int count,
        CancellationToken cancellationToken = default)
    {
        if (jobIds is { Count: 0 } || count <= 0) return [];
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var dates = await connection.QueryAsync<string>(new CommandDefinition(
            $"""
            SELECT DISTINCT business_date FROM runs
            WHERE business_date IS NOT NULL AND business_date <= @until {JobFilter(jobIds)}
            ORDER BY business_date DESC LIMIT @count
            """,
            new { jobs = jobIds?.ToArray(), until = BusinessDates.ToText(until), count }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return dates.Select(BusinessDates.Parse).ToList();
    }

    public async Task<IReadOnlyList<DateCell>> DateCellsAsync(IReadOnlyCollection<string>? jobIds, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default)
    {
        if (jobIds is { Count: 0 }) return [];
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string JobId, string BusinessDate, long Id, string State, long Runs, long Failed)>(new CommandDefinition(
            $"""
            SELECT r.job_id, r.business_date, r.id, r.state, c.runs, c.failed
            FROM (SELECT job_id, business_date, MAX(id) AS latest, COUNT(*) AS runs,
                         SUM(CASE WHEN state IN ('failed', 'timed-out', 'killed') THEN 1 ELSE 0 END) AS failed
                  FROM runs WHERE business_date >= @from AND business_date <= @to {JobFilter(jobIds)}
                  GROUP BY job_id, business_date) c
            JOIN runs r ON r.id = c.latest
            ORDER BY r.job_id, r.business_date
            """,
            new { jobs = jobIds?.ToArray(), from = BusinessDates.ToText(from), to = BusinessDates.ToText(to) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new DateCell(r.JobId, BusinessDates.Parse(r.BusinessDate), r.Id, RunStates.FromWire(r.State), (int)r.Runs, (int)r.Failed)).ToList();
    }

    private string JobFilter(IReadOnlyCollection<string>? jobIds) => jobIds is null ? "" : $"AND job_id {dialect.InList("jobs")}";
}
