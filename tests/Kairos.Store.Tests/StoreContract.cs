using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Store.Sql;

namespace Kairos.Store.Tests;

/// <summary>What every store must do; each dialect runs the same suite against the real database.</summary>
public abstract partial class StoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly List<IKairosStore> _opened = [];

    protected IKairosStore Store { get; private set; } = null!;

    /// <summary>A store over a new, empty database.</summary>
    protected abstract Task<IKairosStore> CreateCleanStoreAsync();

    /// <summary>A second store object over the same database, as another scheduler node would have.</summary>
    protected abstract IKairosStore OpenSameDatabase();

    /// <summary>A dialect over a new, empty database, for tests that build a store at an older schema.</summary>
    protected abstract SqlDialect NewDatabaseDialect();

    /// <summary>A dialect over <see cref="Store"/>'s database, for tests that reach past the store.</summary>
    protected abstract SqlDialect SameDatabaseDialect();

    public async Task InitializeAsync()
    {
        Store = await CreateCleanStoreAsync();
        _opened.Add(Store);
        await Store.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened) await store.DisposeAsync();
    }

    protected IKairosStore SecondNode()
    {
        var store = OpenSameDatabase();
        _opened.Add(store);
        return store;
    }

    protected static readonly JobChange Tester = new("tester");

    protected Task AddJobAsync(string id, OverlapPolicy overlap = OverlapPolicy.Forbid, bool held = false) =>
        Store.Jobs.UpsertAsync(new JobRecord(id, new JobSpec { Id = id }, "test", overlap, T0), Tester, held);

    protected static NewRun Slot(string job, int second) =>
        new(job, T0.AddSeconds(second), TriggerKind.Time, DateOnly.FromDateTime(T0.Date), T0.AddSeconds(second));

    protected static NewRun Manual(string job, DateTimeOffset due) =>
        new(job, null, TriggerKind.Manual, null, due, RunState.Queued, RequestedBy: "tester");
}
