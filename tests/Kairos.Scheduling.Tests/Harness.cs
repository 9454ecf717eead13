using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Definitions;
using Kairos.Executors;
using Kairos.Scheduling;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kairos.Scheduling.Tests;

/// <summary>A scheduler node over a real SQLite file; several harnesses on one path are several nodes.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public Harness(string path, TimeProvider clock, string node, SchedulerOptions? options = null)
    {
        Path = path;
        Clock = clock;
        Store = SqliteStore.Open(path, clock);
        Catalog = new JobCatalog(Store, BuiltInCalendars.Default, NullLogger<JobCatalog>.Instance);
        Options = (options ?? new SchedulerOptions()) with { NodeId = node };
        Scheduler = new KairosScheduler(Store, Catalog, [new NoopExecutor(), new CommandExecutor(clock, new CommandJournalOptions { PollClock = TimeProvider.System, Root = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, "nodes") })], Options, Events, clock, NullLogger<KairosScheduler>.Instance);
        Planner = new SlotPlanningService(Store, Catalog, Options, Events);
    }

    /// <summary>The SQLite file; another Harness on it is another node.</summary>
    public string Path { get; }
    public TimeProvider Clock { get; }
    public IKairosStore Store { get; }
    public JobCatalog Catalog { get; }
    public SchedulerOptions Options { get; }
    public SchedulerEvents Events { get; } = new();
    public KairosScheduler Scheduler { get; }
    public SlotPlanningService Planner { get; }

    public static async Task<Harness> CreateAsync(TimeProvider clock, string node = "n1", SchedulerOptions? options = null, string? path = null)
    {
        var harness = new Harness(path ?? TestServers.NewSqlitePath(), clock, node, options);
        await harness.Store.MigrateAsync();
        return harness;
    }

    public async Task AddJobAsync(string yaml)
    {
        var document = YamlJobFile.Parse(yaml, "test.yaml").Single();
        var (job, errors) = new JobValidator(BuiltInCalendars.Default).Validate(document.Definition!);
        Assert.True(job is not null, string.Join("; ", errors));
        await Store.Jobs.UpsertAsync(new JobRecord(job.Id, document.Definition!.ToSpec(), "test", job.Overlap, Clock.GetUtcNow()), new JobChange("test"), job.HeldInitially);
        await Catalog.RefreshAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.DisposeAsync();
        await Store.DisposeAsync();
    }
}
