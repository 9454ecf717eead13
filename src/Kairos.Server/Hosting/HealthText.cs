using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kairos.Server.Hosting;

/// <summary>Health as plain text that says why: "Unhealthy" alone sends an operator looking through logs at 2 a.m.</summary>
internal static class HealthText
{
    public static readonly HealthCheckOptions Ready = new()
    {
        Predicate = c => c.Tags.Contains("ready"),
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Exception?.Message}");
        return context.Response.WriteAsync(string.Join("\n", lines.Prepend(report.Status.ToString())) + "\n");
    }
}
