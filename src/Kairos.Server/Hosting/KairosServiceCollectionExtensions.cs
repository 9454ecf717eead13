using Kairos.Calendars;
using Kairos.Core.Ports;
using Kairos.Executors;
using Kairos.Scheduling;
using Kairos.Store.Postgres;
using Kairos.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kairos.Server.Hosting;

public static class KairosServiceCollectionExtensions
{
    public static IServiceCollection AddKairos(this IServiceCollection services, KairosServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        if (options.Postgres is { Length: > 0 } connectionString) services.AddKairosPostgresStore(connectionString);
        else services.AddKairosSqliteStore(Path.Combine(options.DataPath, "kairos.db"));
        services.AddSingleton<CalendarCatalog>();
        services.AddSingleton<ICalendarSource>(sp => sp.GetRequiredService<CalendarCatalog>());
        services.AddSingleton(new SchedulerOptions
        {
            NodeId = options.NodeId ?? new SchedulerOptions().NodeId,
            ShutdownGrace = options.ShutdownGrace,
            NodeTimeout = options.NodeTimeout,
        });
        // Each attempt's supervisor keeps its journal under the data folder, by node, so a restarted node finds it.
        // Its files change in real time, so they are polled on the system clock even when a test registers its own TimeProvider.
        services.AddSingleton(new CommandJournalOptions { Root = options.NodesPath, PollClock = TimeProvider.System, OrphanAfter = options.NodeTimeout / 2 });
        services.AddSingleton<SchedulerEvents>();
        services.AddSingleton<JobCatalog>();
        services.AddHttpClient<HttpExecutor>();
        services.AddSingleton<IActionExecutor, NoopExecutor>();
        services.AddSingleton<IActionExecutor, SetConditionExecutor>();
        services.AddSingleton<CommandExecutor>();
        services.AddSingleton<IActionExecutor>(sp => sp.GetRequiredService<CommandExecutor>());
        services.AddSingleton<IActionExecutor>(sp => sp.GetRequiredService<HttpExecutor>());
        services.AddSingleton<KairosScheduler>();
        services.AddSingleton<JobFileSync>();
        services.AddHostedService<SchedulerHostedService>();
        return services;
    }

    public static IServiceCollection AddKairosSqliteStore(this IServiceCollection services, string path) =>
        services.AddSingleton<IKairosStore>(sp => SqliteStore.Open(path, sp.GetRequiredService<TimeProvider>()));

    public static IServiceCollection AddKairosPostgresStore(this IServiceCollection services, string connectionString) =>
        services.AddSingleton<IKairosStore>(sp => PostgresStore.Open(connectionString, sp.GetRequiredService<TimeProvider>()));
}
