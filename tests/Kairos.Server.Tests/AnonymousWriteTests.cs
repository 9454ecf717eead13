using System.Net;
using System.Net.Http.Json;
using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Server.Tests;

/// <summary>
/// Writes without sign-in are refused and nobody can be held to them: they are counted and limited per address, so a
/// flood cannot push the real entries off the audit log's first page. Signed-in refusals keep a row each.
/// </summary>
[Collection(MetricsCollection.Name)] // reads the refusal counter from /metrics
public sealed class AnonymousWriteTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["report.yaml"] = "id: report\nowner: settlement\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // Caller-chosen text: a newline, and far more than any real path.
    private static Uri FloodPath(int i) => new($"api/jobs/x%0Ainjected{i}{new string('A', 600)}/hold", UriKind.Relative);

    [Fact]
    public async Task FiveHundredAnonymousRefusedWrites_LeaveAFewRows_RealEntriesStayOnTheFirstPage_429PastTheLimit()
    {
        await _server.Client.HoldAsync("report", "before the flood");
        var anonymous = await _server.ClientAsAsync(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 500; i++)
        {
            using var response = await anonymous.PostAsync(FloodPath(i), JsonContent.Create(new { reason = "flood" }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 30), statuses.Take(30));
        Assert.All(statuses.Skip(30), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        await _server.Client.ReleaseAsync("report", "after the flood");

        var page = (await _server.Http.GetFromJsonAsync<List<AuditEntry>>("api/audit"))!;
        var flood = page.Where(e => e.Actor == "anonymous").ToList();
        Assert.InRange(flood.Count, 1, 3);
        Assert.All(flood, e => Assert.True(e.Target.Length <= 201 && !e.Target.Contains('\n', StringComparison.Ordinal), e.Target));
        Assert.Contains(page, e => e.Action == "job.hold");
        Assert.Contains(page, e => e.Action == "job.release");

        var metrics = await _server.Http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Contains("kairos_refused_anonymous_requests_total{status=\"429\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("kairos_refused_anonymous_requests_total{status=\"401\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInRefusedWrites_RecordedOneRowEach_WithTheirPathClipped()
    {
        var viewer = await _server.ClientAsAsync(Role.Viewer);
        for (var i = 0; i < 3; i++)
        {
            using var response = await viewer.PostAsync(FloodPath(i), JsonContent.Create(new { reason = "not mine to do" }));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var rows = (await _server.Http.GetFromJsonAsync<List<AuditEntry>>("api/audit"))!.Where(e => e.Actor == "viewer-").ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, e => Assert.True(e.Target.Length <= 201 && e.Target.StartsWith("/api/jobs/x?injected", StringComparison.Ordinal), e.Target));
    }
}
