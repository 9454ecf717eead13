using Kairos.Calendars;
using Kairos.Core.Ports;
using Kairos.Hosting;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consumers;
using Kairos.Store.Postgres;
using Kairos.Store.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kairos.Consumers.Worker;

/// <summary>
/// <c>kairos-worker &lt;consumer&gt;</c>: one member of a configured consumer's group, as a process of its own. The
/// server's supervisor starts these and scales them by lag; in Kubernetes each pod of the Deployment <c>kairos keda</c>
/// prints runs one. SIGTERM commits what was processed and leaves the group.
/// </summary>
internal static class WorkerHost
{
    public const int Usage = 2;

    private static readonly Dictionary<string, string> Flags = new()
    {
        ["--data"] = "Kairos:DataPath",
        ["--postgres"] = "Kairos:Postgres",
        ["--config"] = ConfigFile.Key,
    };

    public static async Task<int> RunAsync(string[] args, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(args);
        var flags = args is [var first, ..] && !first.StartsWith('-') ? args[1..] : args;
        if (CommandLineCheck.Check(flags, Flags.Keys, WorkerUsage.Program, WorkerUsage.Text) is { } exit) return exit;
        if (args is not [var name, ..] || name.StartsWith('-'))
        {
            await Console.Error.WriteLineAsync(WorkerUsage.Short).ConfigureAwait(false);
            return Usage;
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args[1..], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args[1..], Flags);
        ConfigFile.Add(builder.Configuration, args[1..], Flags);
        var kafka = builder.Configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        var consumers = ConsumerConfiguration.Read(builder.Configuration);
        if (Problems(name, kafka, consumers) is { Count: > 0 } problems)
        {
            foreach (var problem in problems) await Console.Error.WriteLineAsync($"{WorkerUsage.Program} {name}: {problem}").ConfigureAwait(false);
            return Usage;
        }

        var postgres = builder.Configuration["Kairos:Postgres"];
        var data = Path.GetFullPath(builder.Configuration["Kairos:DataPath"] ?? ".data");
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<IKairosStore>(sp => postgres is { Length: > 0 }
            ? PostgresStore.Open(postgres, sp.GetRequiredService<TimeProvider>())
            : SqliteStore.Open(Path.Combine(data, "kairos.db"), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(new KafkaClients(kafka, kafka.BootstrapServers!));
        builder.Services.AddHttpClient();
        builder.Services.AddHostedService(sp => new ConsumerWorkerService(name, consumers[name], sp));
        await builder.Build().RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static List<string> Problems(string name, KafkaOptions kafka, Dictionary<string, ConsumerOptions> consumers)
    {
        var problems = kafka.Problems().ToList();
        if (kafka.IsEmbedded) problems.Add("Kairos:Kafka:BootstrapServers is required: a worker joins an existing cluster (the server's supervisor passes its own)");
        if (!consumers.TryGetValue(name, out var options)) problems.Add($"there is no consumer '{name}' under {ConsumerOptions.Section} (known: {string.Join(", ", consumers.Keys.Order(StringComparer.Ordinal))})");
        else problems.AddRange(options.Problems(name, kafka.Partners.ToDictionary(x => x.Key, x => x.Value.Rate), BuiltInCalendars.Default.Ids));
        return problems;
    }
}
