using System.Net;
using System.Text;
using Kairos.Client;
using Kairos.Core.Access;
using Kairos.Core.Ports;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>
/// Every endpoint the server maps, probed as anonymous, viewer, operator and admin. The table below is the contract;
/// an endpoint missing from it fails the test, so a new endpoint cannot ship without deciding who may call it.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    /// <summary>The least role each endpoint allows; null: anyone, signed in or not.</summary>
    private static readonly Dictionary<string, Role?> Least = new()
    {
        ["GET /"] = null,
        ["GET /console/text/{language}"] = null,
        ["GET /openapi/{documentName}.json"] = null,
        ["GET /healthz/live"] = null,
        ["GET /healthz/ready"] = null,
        ["GET /metrics"] = Role.Viewer,
        ["GET /api/alerts"] = Role.Viewer,
        ["GET /api/kafka"] = Role.Viewer,
        ["GET /api/consumers/"] = Role.Viewer,
        ["GET /api/consumers/{name}"] = Role.Viewer,
        ["GET /api/consumers/{name}/latest"] = Role.Viewer,
        ["GET /api/runs/{id:long}/message"] = Role.Viewer,
        ["POST /api/auth/login"] = null,
        ["POST /api/auth/tokens"] = null,
        ["POST /api/auth/logout"] = Role.Viewer,
        ["GET /api/auth/me"] = Role.Viewer,
        ["GET /api/auth/tokens"] = Role.Viewer,
        ["DELETE /api/auth/tokens/{id:long}"] = Role.Viewer,
        ["GET /api/auth/sso/"] = null,
        ["GET /api/auth/sso/start"] = null,
        ["POST /api/auth/password"] = Role.Viewer,
        ["GET /api/users/"] = Role.Admin,
        ["POST /api/users/"] = Role.Admin,
        ["PATCH /api/users/{name}"] = Role.Admin,
        ["GET /api/jobs/"] = Role.Viewer,
        ["GET /api/jobs/{id}"] = Role.Viewer,
        ["PUT /api/jobs/{id}"] = Role.Admin,
        ["DELETE /api/jobs/{id}"] = Role.Admin,
        ["POST /api/jobs/validate"] = Role.Viewer,
        ["GET /api/jobs/{id}/explain"] = Role.Viewer,
        ["GET /api/jobs/{id}/versions"] = Role.Viewer,
        ["GET /api/jobs/{id}/versions/{version:int}"] = Role.Viewer,
        ["POST /api/jobs/{id}/hold"] = Role.Operator,
        ["POST /api/jobs/{id}/release"] = Role.Operator,
        ["POST /api/jobs/{id}/trigger"] = Role.Operator,
        ["POST /api/jobs/{id}/skip-next"] = Role.Operator,
        ["POST /api/jobs/{id}/backfill"] = Role.Operator,
        ["GET /api/slots"] = Role.Viewer,
        ["GET /api/conditions/"] = Role.Viewer,
        ["GET /api/grid"] = Role.Viewer,
        ["GET /api/flows/"] = Role.Viewer,
        ["GET /api/flows/{name}/runs/{date}"] = Role.Viewer,
        ["POST /api/flows/{name}/runs/{date}/rerun"] = Role.Operator,
        ["PUT /api/conditions/{name}/{date}"] = Role.Operator,
        ["DELETE /api/conditions/{name}/{date}"] = Role.Operator,
        ["GET /api/runs/"] = Role.Viewer,
        ["GET /api/runs/{id:long}"] = Role.Viewer,
        ["GET /api/runs/{id:long}/events"] = Role.Viewer,
        ["GET /api/runs/{id:long}/logs"] = Role.Viewer,
        ["POST /api/runs/{id:long}/kill"] = Role.Operator,
        ["POST /api/runs/{id:long}/rerun"] = Role.Operator,
        ["POST /api/runs/{id:long}/mark-succeeded"] = Role.Operator,
        ["GET /api/approvals/"] = Role.Viewer,
        ["GET /api/approvals/{id:long}"] = Role.Viewer,
        ["POST /api/approvals/{id:long}/approve"] = Role.Operator,
        ["POST /api/approvals/{id:long}/reject"] = Role.Operator,
        ["GET /api/audit"] = Role.Viewer,
        ["GET /api/calendars/"] = null,
        ["GET /api/calendars/{id}/holidays"] = null,
        ["GET /api/calendars/{id}/is-business-day/{date}"] = null,
        ["GET /api/calendars/{id}/today"] = null,
        ["GET /api/calendars/{id}/next/{date}"] = null,
        ["GET /api/calendars/{id}/previous/{date}"] = null,
        ["GET /api/calendars/{id}/add/{date}"] = null,
        ["GET /api/calendars/{id}/nth/{year:int}/{month:int}"] = null,
        ["GET /api/calendars/{id}/between"] = null,
        ["GET /api/calendars/{id}/month/{year:int}/{month:int}"] = null,
        ["GET /api/calendars/{id}/overrides"] = null,
        ["POST /api/calendars/{id}/overrides"] = Role.Admin,
        ["DELETE /api/calendars/{id}/overrides/{date}"] = Role.Admin,
        ["POST /api/calendars/{id}/overrides/preview"] = Role.Admin,
        ["GET /api/calendars/{id}/overrides/{date}/revert-preview"] = Role.Admin,
        ["POST /api/calendars/{id}/import"] = Role.Admin,
        ["GET /api/calendars/definitions"] = null,
        ["GET /api/calendars/{id}/definition"] = null,
        ["GET /api/calendars/{id}/definition/history"] = null,
        ["PUT /api/calendars/{id}/definition"] = Role.Admin,
        ["DELETE /api/calendars/{id}/definition"] = Role.Admin,
    };

    private ServerFixture _server = null!;

    // Sign-in is rate-limited per address; the matrix signs in eight times.
    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["report.yaml"] = "id: report\nowner: settlement\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
    }, extraArgs: ["--Kairos:Access:SignInAttemptsPerMinute", "100"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryEndpoint_EveryRole_AllowedOrRefusedAsTheTableSays()
    {
        var endpoints = _server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Where(e => !e.Pattern.StartsWith("/console/", StringComparison.Ordinal) || e.Pattern.Contains('{', StringComparison.Ordinal))
            .Distinct().ToList();
        var unclassified = endpoints.Select(e => $"{e.Method} {e.Pattern}").Where(k => !Least.ContainsKey(k)).ToList();
        Assert.True(unclassified.Count == 0, "endpoints with no row in the role matrix: " + string.Join(", ", unclassified));

        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = await _server.ClientAsAsync(null) };
        foreach (var role in new[] { Role.Viewer, Role.Operator, Role.Admin }) clients[role.ToWire()] = await _server.ClientAsAsync(role);
        var wrong = new List<string>();
        foreach (var (method, pattern) in endpoints)
        {
            var least = Least[$"{method} {pattern}"];
            foreach (var (who, client) in clients)
            {
                var rank = who == "anonymous" ? 0 : (int)Roles.FromWire(who);
                var allowed = least is null || rank >= (int)least;
                using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(method, pattern));
                if (method != "GET")
                {
                    request.Content = pattern.EndsWith("/import", StringComparison.Ordinal)
                        ? new StringContent("date,business_day,name\n2030-01-02,N,probe\n", Encoding.UTF8, "text/csv")
                        : new StringContent(ProbeBody, Encoding.UTF8, "application/json");
                }
                using var response = await client.SendAsync(request);
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var expectedRefusal = rank == 0 ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                if (allowed == refused || (!allowed && response.StatusCode != expectedRefusal))
                    wrong.Add($"{method} {pattern} as {who}: {(int)response.StatusCode}, expected {(allowed ? "allowed" : ((int)expectedRefusal).ToString(System.Globalization.CultureInfo.InvariantCulture))}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Single(await _server.Client.ListJobsAsync()); // the probes used ids that do not exist: nothing changed
        Assert.False((await _server.Client.GetJobAsync("report")).Held);
    }

    [Fact]
    public async Task Approvals_ScopedOperator_DecidesOnlyThoseInScope_RefusalStoresNothing()
    {
        var store = _server.App.Services.GetRequiredService<IKairosStore>();
        var hold = await store.Approvals.AddAsync(Pending("job.hold", "job:report", """{"jobId":"report","held":true,"reason":"probe"}"""));
        var trigger = await store.Approvals.AddAsync(Pending("job.trigger", "job:report", """{"jobId":"report","businessDate":"2025-10-01","reason":"probe"}"""));
        var calendar = await store.Approvals.AddAsync(Pending("calendar.revert", "calendar:KR", """{"calendarId":"KR","date":"2030-01-02","reason":"probe"}"""));
        var fx = new KairosClient(await _server.ClientAsAsync(Role.Operator, "fx"));
        var settlement = new KairosClient(await _server.ClientAsAsync(Role.Operator, "settlement"));

        foreach (var id in new[] { hold, trigger })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => fx.ApproveAsync(id, "out of scope"))).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => fx.RejectAsync(id, "out of scope"))).Status);
            Assert.Equal("pending", (await store.Approvals.GetAsync(id))!.State.ToString().ToLowerInvariant());
        }
        Assert.False((await _server.Client.GetJobAsync("report")).Held);
        // Reads are not owner-scoped unless Kairos:Access:OwnerScopedReads says so (OwnerScopedReadTests): seeing is not deciding.
        Assert.Equal([calendar, trigger, hold], (await fx.ListApprovalsAsync()).Select(a => a.Id));
        Assert.Equal([calendar, trigger, hold], (await settlement.ListApprovalsAsync()).Select(a => a.Id));

        Assert.Equal("rejected", (await settlement.RejectAsync(trigger, "not needed")).State);
        Assert.Equal("approved", (await settlement.ApproveAsync(hold, "agreed")).State);
        Assert.True((await _server.Client.GetJobAsync("report")).Held);
        Assert.Empty(await _server.Client.ListRunsAsync("report"));
    }

    private static ApprovalRecord Pending(string action, string target, string payload) =>
        new(0, action, target, payload, $"{action} probe", "someone-else", "probe", DateTimeOffset.UtcNow);

    // Valid credentials (for the sign-in endpoints) and a reason (for actions); ids that do not exist, so an allowed probe changes nothing.
    private const string ProbeBody = $"{{\"user\":\"tester\",\"password\":\"{ServerFixture.AdminPassword}\",\"reason\":\"role matrix probe\"}}";

    private static Uri Concrete(string method, string pattern)
    {
        var calendar = method == "GET" ? "KR" : "NOPE";
        var path = pattern
            .Replace("/api/calendars/{id}", $"/api/calendars/{calendar}", StringComparison.Ordinal)
            .Replace("{id:long}", "999999", StringComparison.Ordinal)
            .Replace("{id}", "no-such-job", StringComparison.Ordinal)
            .Replace("{name}", "no-such-user", StringComparison.Ordinal)
            .Replace("{date}", "2030-01-02", StringComparison.Ordinal)
            .Replace("{year:int}/{month:int}", "2030/1", StringComparison.Ordinal)
            .Replace("{language}", "ko", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal);
        return new Uri(path.TrimStart('/'), UriKind.Relative);
    }
}
