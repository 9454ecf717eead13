using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Definitions;

namespace Kairos.Bench;

internal static class BenchJobs
{
    /// <summary>Stores <paramref name="count"/> copies of <paramref name="definition"/> with ids prefix00000, prefix00001, ...</summary>
    public static async Task SeedAsync(IKairosStore store, JobDefinition definition, string prefix, int count)
    {
        for (var i = 0; i < count; i++) await SeedOneAsync(store, definition, Id(prefix, i));
    }

    public static async Task SeedOneAsync(IKairosStore store, JobDefinition definition, string id)
    {
        definition.Id = id;
        await store.Jobs.UpsertAsync(new JobRecord(id, definition.ToSpec(), "bench", OverlapPolicy.Allow, TimeProvider.System.GetUtcNow()), new JobChange("bench"));
    }

    public static string Id(string prefix, int i) => $"{prefix}{i:D5}";

    /// <summary>A window of whole seconds opening after <paramref name="warmUp"/>, set on the measurement; waits until it opens.</summary>
    public static async Task<(DateTimeOffset Start, DateTimeOffset End)> OpenWindowAsync(Measurement measurement, int seconds, TimeSpan warmUp)
    {
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) + warmUp;
        var end = start.AddSeconds(seconds);
        measurement.SetWindow(start, end);
        await Task.Delay(start - TimeProvider.System.GetUtcNow());
        measurement.Begin();
        return (start, end);
    }

    /// <summary>Waits for the window to close and the last runs to finish.</summary>
    public static Task CloseWindowAsync(DateTimeOffset end) => Task.Delay(end - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(2));
}
