using System.Collections.Concurrent;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Store.Sqlite;
using Kairos.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Kairos.Executors.Tests;

/// <summary>The Idempotency-Key a real HTTP listener receives across attempts and reruns, with runs in a real SQLite store.</summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Date = new(2026, 11, 23);
    private readonly ConcurrentQueue<string> _keys = new();
    private readonly HttpClient _http = new();
    private WebApplication _app = null!;
    private IKairosStore _store = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _store = SqliteStore.Open(TestServers.NewSqlitePath());
        await _store.MigrateAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/pay", (HttpRequest r) => { _keys.Enqueue(r.Headers["Idempotency-Key"].ToString()); return "ok"; });
        await _app.StartAsync();
        var address = ((IServer)_app.Services.GetService(typeof(IServer))!).Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = new Uri(new Uri(address), "/pay");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _store.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task SlotRun_Retried_ThenRerunTwice_EveryCallCarriesTheSlotsKey()
    {
        await _store.Runs.AddSlotRunsAsync([new NewRun("pay", Slot, TriggerKind.Time, Date, Slot)], Slot);
        var slotRun = Assert.Single(await RunsAsync()).Id;
        var rerun = await _store.Runs.AddRunAsync(new NewRun("pay", null, TriggerKind.Manual, Date, Slot, RunState.Queued, RerunOf: slotRun), Slot);
        var rerunOfRerun = await _store.Runs.AddRunAsync(new NewRun("pay", null, TriggerKind.Manual, Date, Slot, RunState.Queued, RerunOf: rerun), Slot);
        var other = await _store.Runs.AddRunAsync(new NewRun("pay", null, TriggerKind.Manual, Date.AddDays(1), Slot, RunState.Queued), Slot);

        var executor = new HttpExecutor(_http, _store);
        foreach (var (id, attempt) in new[] { (slotRun, 1), (slotRun, 2), (rerun, 1), (rerunOfRerun, 1), (other, 1) })
        {
            var run = (await _store.Runs.GetAsync(id))! with { Attempt = attempt };
            var outcome = await executor.ExecuteAsync(new ActionContext(run, Job(), new CapturedOutput()));
            Assert.True(outcome.Succeeded, outcome.Detail);
        }

        Assert.Equal(["\"pay@2026-11-23T00:00:00Z\"", "\"pay@2026-11-23T00:00:00Z\"", "\"pay@2026-11-23T00:00:00Z\"", "\"pay@2026-11-23T00:00:00Z\"", "\"pay@2026-11-24\""], _keys);
    }

    [Fact]
    public async Task JobThatSetsItsOwnKey_KeepsIt()
    {
        var action = new HttpAction("POST", _url, new Dictionary<string, string> { ["Idempotency-Key"] = "\"mine-{{businessDate}}\"" }, "{}", []);
        var run = new Run(1, "pay", Slot, TriggerKind.Time, Date, RunState.Running, 1, Slot, Slot);
        await new HttpExecutor(_http).ExecuteAsync(new ActionContext(run, Job() with { Action = action }, new CapturedOutput()));
        Assert.Equal("\"mine-2026-11-23\"", Assert.Single(_keys));
    }

    private Job Job() => new("pay", null, new HttpAction("POST", _url, new Dictionary<string, string>(), "{}", []),
        TimeSpan.FromMinutes(1), RetryPolicy.None, OverlapPolicy.Allow, MisfirePolicy.Default);

    private async Task<IReadOnlyList<Run>> RunsAsync() => await _store.Runs.ListAsync(new RunQuery(JobId: "pay"));
}
