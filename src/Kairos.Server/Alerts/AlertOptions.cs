using Kairos.Core.Alerts;

namespace Kairos.Server.Alerts;

/// <summary>Kairos:Alerts — where alerts about runs go and how often runs are checked.</summary>
public sealed class AlertOptions
{
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>How often runs are checked against the alert rules.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Runs that finished longer ago than this are not looked at (after a restart, older failures stay quiet).</summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The console's public address, for links in alerts, such as <c>https://kairos.bank.internal/</c>.</summary>
    public Uri? ConsoleUrl { get; set; }

    /// <summary>Every problem with the settings, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (CheckInterval <= TimeSpan.Zero) problems.Add("Kairos:Alerts:CheckInterval must be above zero");
        for (var i = 0; i < Webhooks.Count; i++)
        {
            var w = Webhooks[i];
            var key = $"Kairos:Alerts:Webhooks:{i}";
            if (string.IsNullOrWhiteSpace(w.Name)) problems.Add($"{key}:Name is required");
            if (w.Url is not { IsAbsoluteUri: true } url || url.Scheme is not ("http" or "https")) problems.Add($"{key}:Url must be an absolute http or https URL");
            if (w.Format is not ("json" or "slack")) problems.Add($"{key}:Format is 'json' or 'slack', not '{w.Format}'");
            foreach (var kind in w.On.Where(k => !AlertKinds.TryParse(k, out _)))
                problems.Add($"{key}:On has '{kind}'; alerts are failed, late-start, late-finish, long-running, dependency-timeout, flow-late");
        }
        if (Webhooks.GroupBy(w => w.Name).FirstOrDefault(g => g.Count() > 1) is { } twice) problems.Add($"Kairos:Alerts:Webhooks has two named '{twice.Key}'");
        return problems;
    }
}

public sealed class WebhookOptions
{
    /// <summary>A short name, recorded with each alert sent to it.</summary>
    public string Name { get; set; } = "";

    public Uri? Url { get; set; }

    /// <summary><c>json</c>: Kairos's own body; <c>slack</c>: a Slack-compatible <c>{"text": …}</c>.</summary>
    public string Format { get; set; } = "json";

    /// <summary>The alerts it wants; empty: all of them.</summary>
    public List<string> On { get; set; } = [];

    public bool Wants(AlertKind kind) => On.Count == 0 || On.Any(k => AlertKinds.TryParse(k, out var parsed) && parsed == kind);
}
