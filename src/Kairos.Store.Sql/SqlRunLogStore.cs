using Dapper;
using Kairos.Core.Ports;

namespace Kairos.Store.Sql;

internal sealed class SqlRunLogStore(SqlDialect dialect) : IRunLogStore
{
    public async Task AppendAsync(IReadOnlyList<LogLine> lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        await dialect.ExecuteManyAsync(scope.Connection, scope.Transaction,
            "INSERT INTO run_logs (run_id, seq, attempt, stream, at, text) VALUES (@run, @seq, @attempt, @stream, @at, @text) ON CONFLICT (run_id, seq) DO NOTHING",
            lines.Select(l => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["run"] = l.RunId,
                ["seq"] = l.Seq,
                ["attempt"] = (long)l.Attempt,
                ["stream"] = l.Stream.ToString().ToLowerInvariant(),
                ["at"] = UnixTime.ToMs(l.At),
                ["text"] = l.Text,
            }).ToList(), cancellationToken).ConfigureAwait(false);
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
