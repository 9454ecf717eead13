namespace Kairos.Core.Ports;

public interface IJobStore
{
    /// <summary>Creates or replaces the definition. A new job starts held when <paramref name="holdIfNew"/>; an existing job keeps its held state.</summary>
    Task UpsertAsync(JobRecord job, bool holdIfNew = false, CancellationToken cancellationToken = default);

    Task<JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JobRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the definition; its runs stay for history. False when there was no such job.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>False when there is no such job.</summary>
    Task<bool> SetHeldAsync(string id, bool held, string actor, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Moves each job's planning watermark forward (never back); several schedulers may race here safely.</summary>
    Task AdvancePlannedUntilAsync(IReadOnlyList<(string JobId, DateTimeOffset PlannedUntil)> marks, CancellationToken cancellationToken = default);
}
