using System.Net;
using System.Net.Http.Json;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Core.Ports;

namespace Kairos.Server.Tests;

/// <summary>Kairos:Access:OwnerScopedReads on and off, against a real server with two teams' jobs and their runs.</summary>
public sealed class OwnerScopedReadTests
{
    private static readonly Dictionary<string, string> Jobs = new()
    {
        ["a.yaml"] = "id: team-a-job\nowner: team-a\nschedule: { cron: '0 9 * * *' }\naction: { command: { argv: [echo, a] } }\n",
        ["b.yaml"] = "id: team-b-job\nowner: team-b\nschedule: { cron: '0 9 * * *' }\naction: { command: { argv: [echo, b] } }\n",
    };

    private static async Task<(long A, long B)> RunBothAsync(ServerFixture server)
    {
        var a = await server.Client.TriggerAsync("team-a-job", reason: "test");
        var b = await server.Client.TriggerAsync("team-b-job", reason: "test");
        await server.WaitForStateAsync(a.RunId, "succeeded");
        await server.WaitForStateAsync(b.RunId, "succeeded");
        return (a.RunId, b.RunId);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }

    [Fact]
    public async Task On_ScopedViewer_ReadsOnlyTheirOwnersJobsRunsLogsSlotsAndAudit()
    {
        await using var server = await ServerFixture.StartAsync(Jobs, extraArgs: ["--Kairos:Access:OwnerScopedReads", "true"]);
        var (a, b) = await RunBothAsync(server);
        using var viewer = await server.ClientAsAsync(Role.Viewer, "team-a");

        var jobs = await viewer.GetFromJsonAsync<List<JobDto>>(new Uri("api/jobs", UriKind.Relative));
        Assert.Equal(["team-a-job"], jobs!.Select(j => j.Id));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewer, "api/jobs/team-a-job"));
        foreach (var path in new[] { "api/jobs/team-b-job", "api/jobs/team-b-job/explain", $"api/runs/{b}", $"api/runs/{b}/logs", $"api/runs/{b}/events" })
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viewer, path));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewer, $"api/runs/{a}/logs"));

        var runs = await viewer.GetFromJsonAsync<List<RunDto>>(new Uri("api/runs", UriKind.Relative));
        Assert.Equal([a], runs!.Select(r => r.Id));
        Assert.Empty((await viewer.GetFromJsonAsync<List<RunDto>>(new Uri("api/runs?job=team-b-job", UriKind.Relative)))!);
        var slots = await viewer.GetFromJsonAsync<List<UpcomingSlotDto>>(new Uri("api/slots", UriKind.Relative));
        Assert.All(slots!, s => Assert.Equal("team-a-job", s.JobId));
        var audit = await viewer.GetFromJsonAsync<List<AuditEntry>>(new Uri("api/audit", UriKind.Relative));
        Assert.Contains(audit!, e => e.Target == "job:team-a-job");
        Assert.DoesNotContain(audit!, e => e.Target == "job:team-b-job" || e.Target.StartsWith("user:", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(viewer, "metrics"));
    }

    [Fact]
    public async Task On_ScopedOperatorActingOnAnotherTeamsJob_404NotAnOwnerScopeRefusal()
    {
        await using var server = await ServerFixture.StartAsync(Jobs, extraArgs: ["--Kairos:Access:OwnerScopedReads", "true"]);
        using var operatorA = await server.ClientAsAsync(Role.Operator, "team-a");
        using var response = await operatorA.PostAsJsonAsync(new Uri("api/jobs/team-b-job/hold", UriKind.Relative), new ActionRequest("test"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"not-found\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_ScopedViewer_SeesOnlyApprovalsOfTheirOwnersJobs()
    {
        await using var server = await ServerFixture.StartAsync(Jobs, extraArgs: ["--Kairos:Access:OwnerScopedReads", "true", "--Kairos:Approvals:Require:0", "job.skip-next"]);
        using var operatorB = await server.ClientAsAsync(Role.Operator, "team-b");
        using var requested = await operatorB.PostAsJsonAsync(new Uri("api/jobs/team-b-job/skip-next", UriKind.Relative), new ActionRequest("test"));
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var approval = await requested.Content.ReadFromJsonAsync<ApprovalDto>();

        using var viewerA = await server.ClientAsAsync(Role.Viewer, "team-a");
        Assert.Empty((await viewerA.GetFromJsonAsync<List<ApprovalDto>>(new Uri("api/approvals", UriKind.Relative)))!);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viewerA, $"api/approvals/{approval!.Id}"));
        using var viewerB = await server.ClientAsAsync(Role.Viewer, "team-b");
        Assert.Single((await viewerB.GetFromJsonAsync<List<ApprovalDto>>(new Uri("api/approvals", UriKind.Relative)))!);
    }

    [Fact]
    public async Task On_AdminAndUnscopedViewer_SeeEverything()
    {
        await using var server = await ServerFixture.StartAsync(Jobs, extraArgs: ["--Kairos:Access:OwnerScopedReads", "true"]);
        var (_, b) = await RunBothAsync(server);
        using var viewer = await server.ClientAsAsync(Role.Viewer);
        Assert.Equal(2, (await viewer.GetFromJsonAsync<List<JobDto>>(new Uri("api/jobs", UriKind.Relative)))!.Count);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewer, $"api/runs/{b}/logs"));
        Assert.Equal(2, (await server.Client.ListJobsAsync()).Count);
    }

    [Fact]
    public async Task Off_ByDefault_ScopedViewerReadsEveryJob()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        var (_, b) = await RunBothAsync(server);
        using var viewer = await server.ClientAsAsync(Role.Viewer, "team-a");
        Assert.Equal(2, (await viewer.GetFromJsonAsync<List<JobDto>>(new Uri("api/jobs", UriKind.Relative)))!.Count);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewer, $"api/runs/{b}/logs"));
        Assert.Equal(2, (await viewer.GetFromJsonAsync<List<RunDto>>(new Uri("api/runs", UriKind.Relative)))!.Count);
    }
}
