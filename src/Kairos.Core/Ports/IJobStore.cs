namespace Kairos.Core.Ports;

public interface IJobStore
{
    /// <summary>
    /// Creates or replaces the definition and, in the same transaction, records the new version with
    /// <paramref name="change"/>'s who and why (none when the definition is unchanged). A new job starts held when
    /// <paramref name="holdIfNew"/>; an existing job keeps its held state.
    /// </summary>
    Task UpsertAsync(JobRecord job, JobChange change, bool holdIfNew = false, CancellationToken cancellationToken = default);

    Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JobRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the definition and records the deletion as a version; its runs and versions stay. False when there was no such job.</summary>
    Task<bool> DeleteAsync(string id, JobChange change, CancellationToken cancellationToken = default);

    /// <summary>The job's versions, newest first, at most <paramref name="limit"/>; empty for an id never stored.</summary>
    Task<IReadOnlyList<JobVersion>> VersionsAsync(string id, int limit, CancellationToken cancellationToken = default);

    Task<JobVersion?> GetVersionAsync(string id, int version, CancellationToken cancellationToken = default);

    /// <summary>False when there is no such job.</summary>
    Task<bool> SetHeldAsync(string id, bool held, string actor, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Moves each job's planning watermark forward (never back); several schedulers may race here safely.</summary>
    Task AdvancePlannedUntilAsync(IReadOnlyList<(string JobId, DateTimeOffset PlannedUntil)> marks, CancellationToken cancellationToken = default);
}
