using Kairos.Calendars;
using Kairos.Core.Ports;
using Kairos.Definitions;
using Kairos.Scheduling;

namespace Kairos.Server.Hosting;

/// <summary>
/// Keeps the store's file-defined jobs equal to the job folder: loaded at start and again shortly after any change.
/// An invalid file is reported and leaves its jobs as they were; a job defined through the API is never overwritten.
/// </summary>
public sealed class JobFileSync(KairosServerOptions options, IKairosStore store, ICalendarSource calendars, KairosScheduler scheduler, TimeProvider clock, ILogger<JobFileSync> logger) : IDisposable
{
    public const string FileSourcePrefix = "file:";
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileSystemWatcher? _watcher;
    private ITimer? _pending;

    /// <summary>Problems found by the last load, for the API and console.</summary>
    public IReadOnlyList<JobDefinitionError> LastErrors { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.JobsPath is not { Length: > 0 } path) return;
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        if (!Directory.Exists(path)) return;
        _watcher = new FileSystemWatcher(path) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Changed += (_, _) => Schedule();
        _watcher.Created += (_, _) => Schedule();
        _watcher.Deleted += (_, _) => Schedule();
        _watcher.Renamed += (_, _) => Schedule();
    }

    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = (await store.Jobs.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(j => j.Id, StringComparer.Ordinal);
            // A file's job may run after a job defined through the API; jobs from files must be in the folder itself.
            var result = JobFolder.Load(options.JobsPath!, calendars,
                id => existing.TryGetValue(id, out var job) && !job.Source.StartsWith(FileSourcePrefix, StringComparison.Ordinal));
            LastErrors = result.Errors;
            foreach (var error in result.Errors) logger.LogError("Job file problem: {Error}", error.ToString());
            var now = clock.GetUtcNow();
            foreach (var loaded in result.Jobs)
            {
                var definition = WithAbsoluteWorkingDirectory(loaded);
                var json = JobJson.Serialize(definition);
                if (existing.TryGetValue(loaded.Job.Id, out var current))
                {
                    if (!current.Source.StartsWith(FileSourcePrefix, StringComparison.Ordinal))
                    {
                        logger.LogWarning("Job {JobId} in {Source} is ignored: it is defined through the API", loaded.Job.Id, loaded.Source);
                        continue;
                    }
                    if (JobJson.Serialize(current.Definition.ToDefinition()) == json && current.Source == FileSourcePrefix + loaded.Source) continue;
                }
                await store.Jobs.UpsertAsync(new JobRecord(loaded.Job.Id, definition.ToSpec(), FileSourcePrefix + loaded.Source, loaded.Job.Overlap, now),
                    new JobChange(FileActor(loaded.Source)), loaded.Job.HeldInitially, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Job {JobId} loaded from {Source}", loaded.Job.Id, loaded.Source);
            }
            // A job whose file is gone is removed; a job whose file is now invalid stays as it was until the file is fixed.
            var files = result.Jobs.Select(j => j.Job.Id).ToHashSet(StringComparer.Ordinal);
            var brokenFiles = result.Errors.Select(e => e.File).ToHashSet();
            foreach (var job in existing.Values.Where(j => j.Source.StartsWith(FileSourcePrefix, StringComparison.Ordinal) && !files.Contains(j.Id)))
            {
                var file = job.Source[FileSourcePrefix.Length..job.Source.LastIndexOf(':')];
                if (brokenFiles.Contains(file)) continue;
                await store.Jobs.DeleteAsync(job.Id, new JobChange(FileSourcePrefix + file), cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Job {JobId} removed: it is no longer in {Folder}", job.Id, options.JobsPath);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _pending?.Dispose();
        _gate.Dispose();
    }

    // A job's source is "<file>:<line>"; its versions name the file, which is what changed.
    private static string FileActor(string source) =>
        FileSourcePrefix + (source.LastIndexOf(':') is > 0 and var colon ? source[..colon] : source);

    private static Client.Contracts.JobDefinition WithAbsoluteWorkingDirectory(LoadedJob loaded)
    {
        if (loaded.Definition.Action?.Command is { } command && loaded.Job.Action is Core.Jobs.CommandAction resolved)
            command.WorkingDirectory = resolved.WorkingDirectory;
        return loaded.Definition;
    }

    private void Schedule()
    {
        _pending?.Dispose();
        _pending = clock.CreateTimer(_ => _ = ReloadAsync(), null, Debounce, Timeout.InfiniteTimeSpan);
    }

    private async Task ReloadAsync()
    {
        try
        {
            await SyncAsync().ConfigureAwait(false);
            await scheduler.PlanOnceAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Reloading job files failed");
        }
    }
}
