using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlRunLogStore(SqlDialect dialect) : IRunLogStore
{
    private static readonly RowColumn[] Columns =
        [RowColumn.Long("run"), RowColumn.Long("seq"), RowColumn.Long("attempt"), RowColumn.Text("stream"), RowColumn.Long("at"), RowColumn.Text("text")];

    public async Task AppendAsync(IReadOnlyList<LogLine> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteRowsAsync(scope.Connection, scope.Transaction,
            "INSERT INTO run_logs (run_id, seq, attempt, stream, at, text) SELECT v.run, v.seq, v.attempt, v.stream, v.at, v.text FROM {rows} AS v WHERE true ON CONFLICT (run_id, seq) DO NOTHING",
            Columns, lines.Select(l => new object?[] { l.RunId, l.Seq, l.Attempt, l.Stream.ToString().ToLowerInvariant(), UnixTime.ToMs(l.At), l.Text }).ToList(),
            cancellationToken).ConfigureAwait(false);
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LogLine>> ReadAsync(long runId, long afterSeq, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Run, long Seq, long Attempt, string Stream, long At, string Text)>(
            "SELECT run_id, seq, attempt, stream, at, text FROM run_logs WHERE run_id = @runId AND seq > @afterSeq ORDER BY seq LIMIT @limit",
            new { runId, afterSeq, limit = Math.Clamp(limit, 1, 10_000) }).ConfigureAwait(false);
        return rows.Select(r => new LogLine(r.Run, r.Seq, (int)r.Attempt, Enum.Parse<LogStream>(r.Stream, ignoreCase: true), UnixTime.FromMs(r.At), r.Text)).ToList();
    }
}
