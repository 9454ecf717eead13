using System.Globalization;
using System.Text;
using Kairos.Client.Contracts;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Kairos.Cli.Keda;

/// <summary>
/// A consumer's Kubernetes Deployment (its workers) and KEDA ScaledObject (the same scaling rule the local supervisor
/// applies), as YAML. KEDA has no business-day calendar: the floor becomes a cron trigger on weekdays, and the YAML says so.
/// </summary>
/// <remarks>
/// Both documents are typed objects written by the YAML serializer, so a name or address with YAML-special characters
/// is quoted, never read as structure. Only the comments are text; they keep every value on one line.
/// </remarks>
internal static class KedaManifest
{
    private static readonly ISerializer Yaml = new StaticSerializerBuilder(new KedaYamlContext())
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .Build();

    public static string Render(ConsumerDto consumer, string image, string ns, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var name = "kairos-worker-" + consumer.Name;
        var yaml = new StringBuilder();
        Comment(yaml, $"Consumer {consumer.Name}: {consumer.Handler} on topic {consumer.Topic}, group {consumer.Group}.");
        Comment(yaml, "The workers read their settings from the same kairos.json the server uses:");
        Comment(yaml, $"  kubectl -n {ns} create configmap kairos-config --from-file=kairos.json");
        Comment(yaml, $"  kubectl -n {ns} create secret generic kairos-store --from-literal=connection-string='Host=...;Database=kairos;Username=...;Password=...'");
        Comment(yaml, "replicas is 0: KEDA sets it. On SIGTERM a worker commits what it processed and leaves the group (30 s grace).");
        yaml.Append(Yaml.Serialize(WorkerDeploymentFor(consumer, name, image, ns, bootstrapServers)));
        yaml.Append("---\n");
        if (consumer.Scaling.Floor is { } f)
        {
            Comment(yaml, $"The business-hours floor ({f.Replicas} from {f.From} to {f.To} on {f.Calendar} business days). KEDA's cron scaler");
            Comment(yaml, $"knows weekdays, not {f.Calendar}'s holidays: on a weekday holiday it keeps {f.Replicas} warm anyway. The Kairos");
            Comment(yaml, "supervisor does not; to match it, let a Kairos job on that calendar scale this Deployment instead.");
        }
        yaml.Append(Yaml.Serialize(ScaledObjectFor(consumer, name, ns, bootstrapServers)));
        return yaml.ToString();
    }

    private static WorkerDeployment WorkerDeploymentFor(ConsumerDto consumer, string name, string image, string ns, string bootstrapServers)
    {
        var labels = new Dictionary<string, string>
        {
            ["app.kubernetes.io/name"] = "kairos-worker",
            ["app.kubernetes.io/instance"] = consumer.Name,
        };
        var container = new Container
        {
            Name = "worker",
            Image = image,
            Command = ["dotnet", "kairos-worker.dll", consumer.Name, "--config", "/etc/kairos/kairos.json"],
            Env =
            [
                new() { Name = "Kairos__Kafka__BootstrapServers", Value = bootstrapServers },
                new() { Name = "Kairos__Postgres", ValueFrom = new() { SecretKeyRef = new() { Name = "kairos-store", Key = "connection-string" } } },
            ],
            VolumeMounts = [new() { Name = "config", MountPath = "/etc/kairos" }],
            Resources = new()
            {
                Requests = new() { ["cpu"] = "50m", ["memory"] = "128Mi" },
                Limits = new() { ["memory"] = "256Mi" },
            },
        };
        return new WorkerDeployment
        {
            Metadata = new() { Name = name, Namespace = ns, Labels = labels },
            Spec = new()
            {
                Replicas = 0,
                Selector = new() { MatchLabels = labels },
                Template = new()
                {
                    Metadata = new() { Labels = labels },
                    Spec = new()
                    {
                        TerminationGracePeriodSeconds = 30,
                        Containers = [container],
                        Volumes = [new() { Name = "config", ConfigMap = new() { Name = "kairos-config" } }],
                    },
                },
            },
        };
    }

    private static ScaledObject ScaledObjectFor(ConsumerDto consumer, string name, string ns, string bootstrapServers)
    {
        var s = consumer.Scaling;
        List<ScaleTrigger> triggers =
        [
            ScaleTrigger.Kafka(new()
            {
                BootstrapServers = bootstrapServers, ConsumerGroup = consumer.Group, Topic = consumer.Topic,
                LagThreshold = Text(s.LagThreshold), ActivationLagThreshold = Text(s.ActivationLagThreshold),
                AllowIdleConsumers = Text(s.AllowIdleConsumers), LimitToPartitionsWithLag = Text(s.LimitToPartitionsWithLag),
                OffsetResetPolicy = "earliest",
            }),
        ];
        if (s.Floor is { } f)
            triggers.Add(ScaleTrigger.Cron(new() { Timezone = f.TimeZone, Start = WeekdayCron(f.From), End = WeekdayCron(f.To), DesiredReplicas = Text(f.Replicas) }));
        return new ScaledObject
        {
            Metadata = new() { Name = name, Namespace = ns },
            Spec = new()
            {
                ScaleTargetRef = new() { Name = name },
                CooldownPeriod = (long)s.CooldownSeconds,
                MinReplicaCount = s.MinReplicas,
                MaxReplicaCount = s.MaxReplicas,
                Triggers = triggers,
            },
        };
    }

    // "09:30" becomes "30 9 * * 1-5": minute and hour without leading zeros, Monday to Friday.
    private static string WeekdayCron(string hhmm)
    {
        static string Number(string digits) => digits.TrimStart('0').PadLeft(1, '0');
        return $"{Number(hhmm[3..])} {Number(hhmm[..2])} * * 1-5";
    }

    // KEDA's scaler metadata is all strings; booleans lower-case.
    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant();

    // A comment line must stay one line: a line break in a value would otherwise start a line of YAML.
    private static void Comment(StringBuilder yaml, string text)
    {
        var oneLine = string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
        yaml.Append("# ").Append(oneLine).Append('\n');
    }
}
