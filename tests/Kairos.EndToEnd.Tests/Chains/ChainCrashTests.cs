using System.Diagnostics;
using Kairos.Client.Contracts;
using Kairos.Core.Runs;
using Xunit.Abstractions;

namespace Kairos.EndToEnd.Tests.Chains;

/// <summary>
/// A three-step chain (extract → settle → report) across two servers on PostgreSQL, with a server SIGKILLed mid-flow
/// and restarted under the same node name and data folder: every step ran once for the business date, in order, and
/// the chain finished. Shares the chaos collection: both kill real servers and should not slow each other down.
/// </summary>
[Collection("chaos")]
public class ChainCrashTests(ITestOutputHelper output)
{
    private const string Date = "2026-11-23";

    // With 1.5 s of work the restart (about 5 s) comes after settle's command ended: the restarted node records the
    // outcome from the journal (the crash table's "after the command ended, before the outcome was written").
    [Fact]
    public Task NodeRunningTheMiddleStepKilledAndRestarted_EachStepRanOnceInOrder() => KillTheNodeRunningSettleAsync(settleSeconds: 1.5);

    // Settle works longer than a restart takes, so the restarted node finds its command still running and adopts it
    // (the crash table's "while the command runs"). The command's supervisor waits half the node timeout (15 s here, see
    // ChaosNode) from the node's last heartbeat; the restarted node touches it as its process starts, not seconds later
    // with its scheduler.
    [Fact]
    public Task NodeRunningTheMiddleStepKilledAndRestartedWhileItsCommandRuns_AdoptsIt_EachStepRanOnceInOrder() => KillTheNodeRunningSettleAsync(settleSeconds: 8);

    private async Task KillTheNodeRunningSettleAsync(double settleSeconds)
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await ChainCluster.StartAsync(settleSeconds);
        await cluster.Client().TriggerAsync("extract", Date, "start the chain");

        var settle = await cluster.WaitForRunAsync("settle", r => r.BusinessDate == Date && r is { State: "running", Node: not null }, "settle to run");
        // Its command has begun too, so the kill lands mid-command.
        await cluster.WaitForEffectAsync($"settle {Date} start", TimeSpan.FromSeconds(60));
        var victim = cluster.Nodes.Single(n => n.Id == settle.Node);
        await victim.KillAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s: killed {victim.Id}, which ran settle (run {settle.Id})");
        await Task.Delay(1000);
        await victim.StartAsync();

        await AssertChainRanOnceInOrderAsync(cluster);
        output.WriteLine(victim.Log.Contains($"Run {settle.Id} of settle: adopting", StringComparison.Ordinal)
            ? "the restarted node adopted settle's running command" : "settle's command had ended before the restarted node looked");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s: chain checked");
    }

    [Fact]
    public async Task NodeHoldingTheFirstStepKilledAsItsCommandEnds_TheNextStepsStillStartOnce()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await ChainCluster.StartAsync();
        await cluster.Client().TriggerAsync("extract", Date, "start the chain");

        var extract = await cluster.WaitForRunAsync("extract", r => r.BusinessDate == Date && r is { State: "running", Node: not null }, "extract to run");
        var victim = cluster.Nodes.Single(n => n.Id == extract.Node);
        // The node dies between the upstream's last effect and the downstream's start: mostly before it wrote the
        // outcome, sometimes just after. Either way the start must not be lost (a dependency pass on any node creates it).
        await cluster.WaitForEffectAsync($"extract {Date} end", TimeSpan.FromSeconds(60));
        await victim.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s: killed {victim.Id}, which ran extract (run {extract.Id})");
        await Task.Delay(1000);
        await victim.StartAsync();

        await AssertChainRanOnceInOrderAsync(cluster);
        var recorded = await cluster.Client().GetRunAsync(extract.Id);
        output.WriteLine($"extract's outcome was written {(recorded.FinishedAt < killedAt ? "before" : "after")} the kill ({recorded.FinishedAt:HH:mm:ss.fff} vs {killedAt:HH:mm:ss.fff})");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0}s: chain checked");
    }

    private static async Task AssertChainRanOnceInOrderAsync(ChainCluster cluster)
    {
        await cluster.WaitForRunAsync("report", r => r.BusinessDate == Date && RunStates.FromWire(r.State).IsFinal(), "report to finish");
        // Not the synchronisation (report finished) but room for a wrongly duplicated step to show: the dependency
        // pass runs every second on each node.
        await Task.Delay(3000);

        var effects = ChainEffects.Read(cluster.Effects);
        var expected = ChainEffects.Expected(ChainCluster.Steps, Date);
        Assert.True(expected.SequenceEqual(effects),
            $"each step should have run once, in order: expected\n{string.Join("\n", expected)}\nbut the effects were\n{cluster.Describe()}");

        var client = cluster.Client();
        foreach (var step in ChainCluster.Steps)
        {
            var runs = (await client.ListRunsAsync(step)).Where(r => r.BusinessDate == Date).ToList();
            Assert.True(runs.Count == 1, $"{step} should have one run for {Date}, has {Describe(runs)}\n{cluster.Describe()}");
            Assert.True(runs[0] is { State: "succeeded", Attempt: 1 }, $"{step}: {Describe(runs)}\n{cluster.Describe()}");
        }
    }

    private static string Describe(IEnumerable<RunDto> runs) =>
        string.Join("; ", runs.Select(r => $"run {r.Id} {r.Trigger} {r.State} attempt {r.Attempt} on {r.Node}: {r.Detail}"));
}
