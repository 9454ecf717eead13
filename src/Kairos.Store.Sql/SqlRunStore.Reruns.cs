using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

internal sealed partial class SqlRunStore
{
    public async Task<IReadOnlyList<long>> AddRunsAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) return [];
        await using var scope = await dialect.BeginWriteAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<long>(runs.Count);
        foreach (var run in runs) ids.Add(await InsertRunAsync(scope.Connection, scope.Transaction, run, now).ConfigureAwait(false));
        await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ids;
    }
}
