using System.Text;
using Confluent.Kafka;
using Kairos.Client.Contracts;
using Kairos.Server.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>
/// A condition set by a Kafka message: a job triggered by the core-banking system's "EOD file arrived" message sets
/// the condition for the message's business date, and the step waiting for it starts; the same message again changes nothing.
/// </summary>
public sealed class ConditionMessageTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["eod-file-arrived.yaml"] = "id: eod-file-arrived\ntrigger: { topic: core.eod, headers: { kind: eod-file } }\naction: { setCondition: { name: core-eod-file } }\n",
            ["load.yaml"] = "id: load\nafter: [{ condition: core-eod-file }]\naction: { noop: true }\n",
        }, extraArgs: ["--Kairos:Kafka:EmbeddedTopics:0", "core.eod:1"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TheMessage_SetsTheConditionForItsBusinessDate_TheWaitingStepStarts_TheSameMessageAgainChangesNothing()
    {
        await SendAsync("2026-11-24", "core:eod:20261124");
        var load = await WaitForAsync(() => _server.Client.ListRunsAsync("load"), runs => runs.Any(r => r.State == "succeeded"), "load to run");
        Assert.Equal(("2026-11-24", "dependency"), (load.Single().BusinessDate, load.Single().Trigger));
        var condition = Assert.Single(await _server.Client.ListConditionsAsync("2026-11-20", "2026-11-30"));
        Assert.Equal(("core-eod-file", "2026-11-24", "message:core.eod"), (condition.Name, condition.BusinessDate, condition.SetBy));
        Assert.Contains("core:eod:20261124", condition.Reason, StringComparison.Ordinal);

        // Sent again (the core system retried) and once more under a new id: one run per message id, one condition, one load.
        await SendAsync("2026-11-24", "core:eod:20261124");
        await SendAsync("2026-11-24", "core:eod:20261124-resent");
        var setters = await WaitForAsync(() => _server.Client.ListRunsAsync("eod-file-arrived"), runs => runs.Count == 2 && runs.All(r => r.State == "succeeded"), "both messages' runs");
        Assert.Contains("already set", setters.OrderBy(r => r.Id).Last().Detail, StringComparison.Ordinal);
        await Task.Delay(2000); // room for a wrongly repeated load to show: the dependency pass runs every second
        Assert.Single(await _server.Client.ListRunsAsync("load"));
        Assert.Single(await _server.Client.ListConditionsAsync("2026-11-20", "2026-11-30"));
    }

    private async Task SendAsync(string businessDate, string correlation)
    {
        var clients = _server.App.Services.GetRequiredService<KafkaConnection>().Clients;
        using var producer = clients.Producer("core-banking");
        var headers = new Headers
        {
            { "kind", Encoding.UTF8.GetBytes("eod-file") },
            { "correlation-id", Encoding.UTF8.GetBytes(correlation) },
            { "kairos-business-date", Encoding.UTF8.GetBytes(businessDate) },
        };
        await producer.ProduceAsync("core.eod", new Message<string?, byte[]> { Key = "eod", Value = Encoding.UTF8.GetBytes("{\"file\":\"EOD.DAT\"}"), Headers = headers });
    }

    private static async Task<List<RunDto>> WaitForAsync(Func<Task<List<RunDto>>> list, Func<List<RunDto>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var runs = await list();
            if (done(runs)) return runs;
            Assert.True(DateTime.UtcNow < deadline, $"waited in vain for {what}: {string.Join(", ", runs.Select(r => $"#{r.Id} {r.State} {r.Detail}"))}");
            await Task.Delay(100);
        }
    }
}
