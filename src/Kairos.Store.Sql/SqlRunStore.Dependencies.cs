using Kairos.Core.Ports;
using Kairos.Core.Runs;

namespace Kairos.Store.Sql;

// Runs held back by their dependencies: created waiting, released when their upstream runs and conditions hold.
internal sealed partial class SqlRunStore
{
    public Task<int> AddDependencyRunsAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<Run>> DependencyWaitingAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<long>> ReleaseWaitingAsync(IReadOnlyList<(long RunId, string Why)> runs, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task NoteWaitingAsync(IReadOnlyList<(long RunId, string Detail)> runs, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<Run>> TimeOutWaitingAsync(IReadOnlyList<(long RunId, string Detail)> runs, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    public Task<IReadOnlyList<(string JobId, DateOnly BusinessDate, RunState State)>> DateStatesAsync(IReadOnlyCollection<string> jobIds, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<(string JobId, DateOnly BusinessDate)>> EndedDatesSinceAsync(IReadOnlyCollection<string> jobIds, DateTimeOffset since,
        CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
