using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Kairos.Server.Api;

/// <summary>What each tag of the OpenAPI description groups, for readers of the generated reference.</summary>
internal static class OpenApiTags
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Access"] = "Sign-in, sessions, API tokens and user administration.",
        ["Jobs"] = "Job definitions, their history and schedules, and the operator's controls: hold, release, trigger, skip, backfill.",
        ["Runs"] = "Runs of jobs with their events, logs and triggering messages; kill, rerun and mark succeeded.",
        ["Flows"] = "Flows: steps that run as one graph per business date; each flow run's state and its steps' runs.",
        ["Approvals"] = "Requests waiting for a second person (four eyes), and their approval or rejection.",
        ["Calendars"] = "The business-day calendar service: holidays, business-day arithmetic and overrides.",
        ["Audit"] = "Who did what, from where; read-only.",
        ["Alerts"] = "Alerts raised about runs and their webhook delivery.",
        ["Consumers"] = "Kafka consumers: lag, workers and latest-value tables.",
        ["Kafka"] = "The Kafka connection and each partner's publishing pace.",
        ["Operations"] = "Metrics for monitoring the server.",
        ["Conditions"] = "External conditions per business date (a file arrived, a ledger closed) that steps wait for in their after.",
    };

    public static void AddKairosTags(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in Descriptions)
        {
            var tag = document.Tags.FirstOrDefault(t => t.Name == name);
            if (tag is null) document.Tags.Add(tag = new OpenApiTag { Name = name });
            tag.Description = description;
        }
        return Task.CompletedTask;
    });
}
