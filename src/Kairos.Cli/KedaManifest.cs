using System.Globalization;
using System.Text;
using Kairos.Client.Contracts;

namespace Kairos.Cli;

/// <summary>
/// A consumer's Kubernetes Deployment (its workers) and KEDA ScaledObject (the same scaling rule the local supervisor
/// applies), as YAML. KEDA has no business-day calendar: the floor becomes a cron trigger on weekdays, and the YAML says so.
/// </summary>
internal static class KedaManifest
{
    public static string Render(ConsumerDto consumer, string image, string ns, string bootstrapServers)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var s = consumer.Scaling;
        var name = "kairos-worker-" + consumer.Name;
        var yaml = new StringBuilder();
        void Line(string text) => yaml.Append(text).Append('\n');
        // KEDA's scaler metadata is all strings; booleans lower-case.
        string Quote(object value) => "\"" + Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant() + "\"";

        Line($"# Consumer {consumer.Name}: {consumer.Handler} on topic {consumer.Topic}, group {consumer.Group}.");
        Line("# The workers read their settings from the same kairos.json the server uses:");
        Line($"#   kubectl -n {ns} create configmap kairos-config --from-file=kairos.json");
        Line($"#   kubectl -n {ns} create secret generic kairos-store --from-literal=connection-string='Host=...;Database=kairos;Username=...;Password=...'");
        Line("apiVersion: apps/v1");
        Line("kind: Deployment");
        Line("metadata:");
        Line($"  name: {name}");
        Line($"  namespace: {ns}");
        Line($"  labels: {{ app.kubernetes.io/name: kairos-worker, app.kubernetes.io/instance: {consumer.Name} }}");
        Line("spec:");
        Line("  replicas: 0  # KEDA sets this");
        Line($"  selector: {{ matchLabels: {{ app.kubernetes.io/name: kairos-worker, app.kubernetes.io/instance: {consumer.Name} }} }}");
        Line("  template:");
        Line($"    metadata: {{ labels: {{ app.kubernetes.io/name: kairos-worker, app.kubernetes.io/instance: {consumer.Name} }} }}");
        Line("    spec:");
        Line("      terminationGracePeriodSeconds: 30  # SIGTERM: commit what was processed, leave the group");
        Line("      containers:");
        Line("        - name: worker");
        Line($"          image: {image}");
        Line($"          args: [worker, {consumer.Name}, --config, /etc/kairos/kairos.json]");
        Line("          env:");
        Line($"            - {{ name: Kairos__Kafka__BootstrapServers, value: \"{bootstrapServers}\" }}");
        Line("            - name: Kairos__Postgres");
        Line("              valueFrom: { secretKeyRef: { name: kairos-store, key: connection-string } }");
        Line("          volumeMounts: [ { name: config, mountPath: /etc/kairos } ]");
        Line("          resources: { requests: { cpu: 50m, memory: 128Mi }, limits: { memory: 256Mi } }");
        Line("      volumes: [ { name: config, configMap: { name: kairos-config } } ]");
        Line("---");
        Line("apiVersion: keda.sh/v1alpha1");
        Line("kind: ScaledObject");
        Line("metadata:");
        Line($"  name: {name}");
        Line($"  namespace: {ns}");
        Line("spec:");
        Line($"  scaleTargetRef: {{ name: {name} }}");
        Line("  pollingInterval: 30");
        Line($"  cooldownPeriod: {(long)s.CooldownSeconds}");
        Line($"  minReplicaCount: {s.MinReplicas}");
        Line($"  maxReplicaCount: {s.MaxReplicas}");
        Line("  triggers:");
        Line("    - type: kafka");
        Line("      metadata:");
        Line($"        bootstrapServers: \"{bootstrapServers}\"");
        Line($"        consumerGroup: {consumer.Group}");
        Line($"        topic: {consumer.Topic}");
        Line($"        lagThreshold: {Quote(s.LagThreshold)}");
        Line($"        activationLagThreshold: {Quote(s.ActivationLagThreshold)}");
        Line($"        allowIdleConsumers: {Quote(s.AllowIdleConsumers)}");
        Line($"        limitToPartitionsWithLag: {Quote(s.LimitToPartitionsWithLag)}");
        Line("        offsetResetPolicy: earliest");
        if (s.Floor is { } f)
        {
            var (fromH, fromM) = (f.From[..2].TrimStart('0').PadLeft(1, '0'), f.From[3..].TrimStart('0').PadLeft(1, '0'));
            var (toH, toM) = (f.To[..2].TrimStart('0').PadLeft(1, '0'), f.To[3..].TrimStart('0').PadLeft(1, '0'));
            Line($"    # The business-hours floor ({f.Replicas} from {f.From} to {f.To} on {f.Calendar} business days). KEDA's cron scaler");
            Line($"    # knows weekdays, not {f.Calendar}'s holidays: on a weekday holiday it keeps {f.Replicas} warm anyway. The Kairos");
            Line("    # supervisor does not; to match it, let a Kairos job on that calendar scale this Deployment instead.");
            Line("    - type: cron");
            Line("      metadata:");
            Line($"        timezone: {f.TimeZone}");
            Line($"        start: \"{fromM} {fromH} * * 1-5\"");
            Line($"        end: \"{toM} {toH} * * 1-5\"");
            Line($"        desiredReplicas: \"{f.Replicas}\"");
        }
        return yaml.ToString();
    }
}
