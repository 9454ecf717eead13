using Kairos.Executors;
using Kairos.Hosting;
using Kairos.Server.Access;
using Kairos.Server.Access.KeyProtection;
using Kairos.Server.Alerts;
using Kairos.Server.Api;
using Kairos.Server.Approvals;
using Kairos.Server.Consumers;
using Kairos.Kafka.Clients;
using Kairos.Server.Kafka;
using Kairos.Server.Metrics;
using Kairos.Server.WebConsole;

namespace Kairos.Server.Hosting;

/// <summary>Builds the server: store, scheduler node, job files, API and OpenAPI description.</summary>
public static class KairosServer
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    internal static readonly Dictionary<string, string> Flags = new()
    {
        ["--jobs"] = "Kairos:JobsPath",
        ["--data"] = "Kairos:DataPath",
        ["--postgres"] = "Kairos:Postgres",
        ["--node"] = "Kairos:NodeId",
        ["--url"] = "urls",
        ["--config"] = ConfigFile.Key,
    };

    // The same after every restart, so a restarted server finds the runs it started (and adopts their processes);
    // different for two servers on one machine, which listen on different ports.
    private static string DefaultNodeId(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? DefaultUrl;
        var port = Uri.TryCreate(first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : 5080;
        return $"{Environment.MachineName}-{port}";
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, Flags);
        ConfigFile.Add(builder.Configuration, args, Flags);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        var options = builder.Configuration.GetSection("Kairos").Get<KairosServerOptions>() ?? new KairosServerOptions();
        // Relative paths are from where the server was started, not from its content root.
        options.DataPath = Path.GetFullPath(options.DataPath);
        var dataFolderWasOpen = OwnerOnly.EnsureFolder(options.DataPath);
        if (options.JobsPath is { Length: > 0 } jobs) options.JobsPath = Path.GetFullPath(jobs);
        options.NodeId ??= DefaultNodeId(builder.Configuration["urls"] ?? DefaultUrl);
        // A node restarted after a crash tells the supervisors of the commands it left running that it is back before
        // the seconds the rest of its start takes, so they wait for it to adopt them instead of killing them.
        NodeHeartbeat.TouchIfKnown(options.NodesPath, options.NodeId);
        builder.Services.AddSingleton(options);
        builder.Services.AddKairos(options);
        builder.Services.AddKairosInstitutionCalendars(builder.Configuration);
        builder.Services.AddKairosSecrets(builder.Configuration.GetSection("Kairos:Secrets").Get<SecretsOptions>() ?? new SecretsOptions());
        builder.Services.AddSingleton(ReadApprovals(builder.Configuration));
        builder.Services.AddKairosOperations();
        builder.Services.AddKairosMetrics(builder.Configuration.GetSection("Kairos:Metrics").Get<MetricsOptions>() ?? new MetricsOptions());
        builder.Services.AddKairosAlerts(builder.Configuration.GetSection("Kairos:Alerts").Get<AlertOptions>() ?? new AlertOptions());
        var kafka = builder.Configuration.GetSection(KafkaOptions.Section).Get<KafkaOptions>() ?? new KafkaOptions();
        builder.Services.AddKairosKafka(kafka);
        builder.Services.AddKairosConsumers(builder.Configuration, kafka);
        builder.Services.AddKairosAccess(builder.Configuration.GetSection("Kairos:Access").Get<AccessOptions>() ?? new AccessOptions());
        builder.Services.AddKairosDataProtection(
            builder.Configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions(),
            options.DataPath, sharedStore: options.Postgres is { Length: > 0 });
        builder.Services.AddKairosSingleSignOn(builder.Configuration);
        builder.Services.AddAnonymousWriteLimit(builder.Configuration);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.AddStatusCode);
        builder.Services.AddOpenApi(o =>
        {
            o.AddKairosSecurity();
            o.AddKairosResponses();
            o.AddKairosTags();
        });
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = options.ShutdownGrace + TimeSpan.FromSeconds(20));
        configure?.Invoke(builder);

        var app = builder.Build();
        if (dataFolderWasOpen) app.Logger.LogWarning("The data folder {Folder} was readable by other users; it is now owner-only.", options.DataPath);
        // Connect (or start the embedded cluster) now, so its warning comes at start-up and a bad setting stops the start.
        app.Services.GetRequiredService<KafkaConnection>();
        // Accept-Language picks the language of human-readable messages (English or Korean); codes stay the same.
        app.UseRequestLocalization(o => o.SetDefaultCulture("en").AddSupportedCultures("en", "ko").AddSupportedUICultures("en", "ko"));
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseKairosRequestBodyLimit();
        app.UseKairosConsoleFiles();
        app.UseKairosAccess(RequestAudit.RecordUnrecordedWrites);
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/healthz/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", HealthText.Ready).AllowAnonymous();
        // One group without a prefix, so that every endpoint's bound request passes the same text limits.
        var api = app.MapGroup("").AddEndpointFilter(TextLimits.FilterAsync);
        api.MapConsoleEndpoints();
        api.MapAuthEndpoints();
        api.MapSingleSignOnEndpoints();
        api.MapUserEndpoints();
        api.MapJobEndpoints();
        api.MapJobHistoryEndpoints();
        api.MapSlotEndpoints();
        api.MapRunEndpoints();
        api.MapAuditEndpoints();
        api.MapCalendarEndpoints();
        api.MapConditionEndpoints();
        api.MapGridEndpoints();
        api.MapFlowEndpoints();
        api.MapApprovalEndpoints();
        api.MapAlertEndpoints();
        api.MapKafkaEndpoints();
        api.MapConsumerEndpoints();
        api.MapMetricsEndpoint();
        return app;
    }

    // A misspelt action would silently leave it ungated; refuse to start instead.
    private static ApprovalOptions ReadApprovals(IConfiguration configuration)
    {
        var approvals = configuration.GetSection("Kairos:Approvals").Get<ApprovalOptions>() ?? new ApprovalOptions();
        var unknown = approvals.Require.Except(ApprovalOptions.Gateable, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new StartupRefusal($"Kairos:Approvals:Require lists {string.Join(", ", unknown.Select(u => $"'{u}'"))}, which cannot need approval; the actions that can are {string.Join(", ", ApprovalOptions.Gateable)}.");
        if (approvals.Expiry <= TimeSpan.Zero) throw new StartupRefusal("Kairos:Approvals:Expiry must be above zero.");
        return approvals;
    }
}
