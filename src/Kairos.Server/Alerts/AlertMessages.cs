using System.Text.Json;
using Kairos.Core.Alerts;
using Kairos.Core.Runs;

namespace Kairos.Server.Alerts;

/// <summary>The two bodies an alert can be sent as.</summary>
internal static class AlertMessages
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Body(string format, AlertKind kind, string message, Run run, Uri? console, DateTimeOffset at)
    {
        var link = console is null ? null : new Uri(console, $"#/runs/{run.Id}").ToString();
        if (format == "slack")
        {
            var icon = kind == AlertKind.Failed ? ":red_circle:" : ":warning:";
            return JsonSerializer.Serialize(new { text = $"{icon} Kairos {kind.ToWire()}: {message}" + (link is null ? "" : $" <{link}|open run {run.Id}>") }, Json);
        }
        return JsonSerializer.Serialize(new
        {
            kind = kind.ToWire(),
            message,
            job = run.JobId,
            runId = run.Id,
            state = run.State.ToWire(),
            businessDate = BusinessDates.ToText(run.BusinessDate),
            slotTime = run.SlotTime,
            startedAt = run.StartedAt,
            finishedAt = run.FinishedAt,
            url = link,
            at,
        }, Json);
    }
}
