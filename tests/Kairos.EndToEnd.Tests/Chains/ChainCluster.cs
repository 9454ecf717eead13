using System.Text.Json;
using Kairos.Client;
using Kairos.Client.Contracts;
using Kairos.EndToEnd.Tests.Chaos;
using Kairos.Testing;

namespace Kairos.EndToEnd.Tests.Chains;

/// <summary>
/// Two servers on one PostgreSQL database reading one jobs folder with the chain extract → settle → report, each node
/// with its own data folder (so its supervisors' journals), as the PostgreSQL chaos test lays them out.
/// </summary>
internal sealed class ChainCluster : IAsyncDisposable
{
    public static readonly string[] Steps = ["extract", "settle", "report"];

    private readonly string _token;

    private ChainCluster(List<ChaosNode> nodes, string effects, string token) => (Nodes, Effects, _token) = (nodes, effects, token);

    public List<ChaosNode> Nodes { get; }

    public string Effects { get; }

    /// <summary>Steps work 1.5 s each; <paramref name="settleSeconds"/> lets the middle step outlast a node's restart.</summary>
    public static async Task<ChainCluster> StartAsync(double settleSeconds = 1.5)
    {
        var postgres = TestServers.NewPostgresDatabase();
        var root = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(root, "jobs");
        var effects = Path.Combine(root, "effects.log");
        Directory.CreateDirectory(jobs);
        for (var i = 0; i < Steps.Length; i++)
        {
            var command = JsonSerializer.Serialize(ChainEffects.Command(effects, Steps[i] == "settle" ? settleSeconds : 1.5));
            var after = i == 0 ? "" : $"after: [{{ job: {Steps[i - 1]} }}]\n";
            await File.WriteAllTextAsync(Path.Combine(jobs, $"{Steps[i]}.yaml"), $"id: {Steps[i]}\n{after}action: {{ command: {{ argv: [sh, -c, {command}] }} }}\n");
        }
        // The first node's folder creates the store's schema and the admin; the other node joins it.
        var token = await Processes.AdminTokenAsync(Path.Combine(root, "n1"), postgres);
        var nodes = Enumerable.Range(1, 2).Select(i => new ChaosNode($"chain-n{i}", TestServers.FreePort(), jobs, Path.Combine(root, $"n{i}"), postgres)).ToList();
        foreach (var node in nodes) await node.StartAsync();
        return new ChainCluster(nodes, effects, token);
    }

    /// <summary>A client of the first live node: any node answers for the whole store.</summary>
    public KairosClient Client() => ClientOf(Nodes.First(n => n.Alive));

    public KairosClient ClientOf(ChaosNode node)
    {
        var http = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", _token);
        return new KairosClient(http);
    }

    /// <summary>Polls the runs of <paramref name="job"/> until one matches; the API of a node being restarted may be away meanwhile.</summary>
    public async Task<RunDto> WaitForRunAsync(string job, Func<RunDto, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                if ((await Client().ListRunsAsync(job)).FirstOrDefault(match) is { } found) return found;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        throw new TimeoutException($"waited in vain for {what}\n{Describe()}");
    }

    /// <summary>Polls the effects file until a line is there, so a kill can land just after a command's last write.</summary>
    public async Task WaitForEffectAsync(string line, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!ChainEffects.Read(Effects).Contains(line))
        {
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"waited in vain for the effect '{line}'\n{Describe()}");
            await Task.Delay(10);
        }
    }

    /// <summary>The effects and every node's log, for a failure message.</summary>
    public string Describe()
    {
        var logs = string.Join("\n", Nodes.Select(n => $"===== {n.Id}\n{Tail(n.Log)}"));
        return $"effects:\n{string.Join("\n", ChainEffects.Read(Effects))}\n{logs}";
    }

    private static string Tail(string text) => text.Length > 15_000 ? text[^15_000..] : text;

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            try { await node.StopAsync(); }
            catch (TimeoutException) { await node.KillAsync(); }
        }
    }
}
