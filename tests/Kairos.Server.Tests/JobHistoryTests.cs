using System.Net;
using System.Net.Http.Json;
using Kairos.Client;
using Kairos.Client.Contracts;
using Kairos.Core.Access;

namespace Kairos.Server.Tests;

/// <summary>GET /api/jobs/{id}/versions and /versions/{n}: who, when, why and what changed, masked and scoped like the job.</summary>
public sealed class JobHistoryTests
{
    private const string Secret = "s3cret-token-value";

    private static readonly Dictionary<string, string> Jobs = new()
    {
        ["a.yaml"] = $"id: team-a-job\nowner: team-a\nschedule: {{ cron: '0 9 * * *' }}\naction: {{ command: {{ argv: [echo, a], env: {{ API_TOKEN: {Secret} }} }} }}\n",
        ["b.yaml"] = "id: team-b-job\nowner: team-b\nschedule: { cron: '0 9 * * *' }\naction: { command: { argv: [echo, b] } }\n",
    };

    private static JobDefinition Definition(string cron, string token) => new()
    {
        Id = "api-job",
        Owner = "team-a",
        Schedule = new ScheduleDefinition { Cron = cron },
        Action = new ActionDefinition { Http = new HttpDefinition { Url = "https://example.test/hook", Headers = new() { ["Authorization"] = token } } },
    };

    [Fact]
    public async Task Versions_ApiCreateChangeAndDelete_ListWhoWhenWhyAndChangedFields()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        await server.Client.PutJobAsync(Definition("0 9 * * *", "Bearer one"), "first cut");
        await server.Client.PutJobAsync(Definition("0 10 * * *", "Bearer two"));
        await server.Client.PutJobAsync(Definition("0 10 * * *", "Bearer two"), "no change, no version");
        using (var deleted = await server.Http.DeleteAsync(new Uri("api/jobs/api-job?reason=retired", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var versions = await server.Client.ListJobVersionsAsync("api-job");
        Assert.Equal([(3, "deleted", "retired"), (2, "changed", null), (1, "created", "first cut")], versions.Select(v => (v.Version, v.Kind, v.Reason)));
        Assert.All(versions, v => Assert.Equal("tester", v.ChangedBy));
        Assert.Equal(["action.http.headers.Authorization", "schedule.cron"], versions[1].Changed);
        Assert.Empty(versions[0].Changed);
        Assert.Equal(versions.Select(v => v.ChangedAt).OrderDescending(), versions.Select(v => v.ChangedAt));
        var newestTwo = await server.Client.ListJobVersionsAsync("api-job", limit: 2);
        Assert.Equal([3, 2], newestTwo.Select(v => v.Version));
        Assert.Equal(versions[1].Changed, newestTwo[1].Changed);

        var fromFile = Assert.Single(await server.Client.ListJobVersionsAsync("team-b-job"));
        Assert.StartsWith("file:", fromFile.ChangedBy, StringComparison.Ordinal);
        Assert.EndsWith("b.yaml", fromFile.ChangedBy, StringComparison.Ordinal);

        var removed = await server.Client.GetJobVersionAsync("api-job", 3);
        Assert.Equal(("0 10 * * *", "Bearer two"), (removed.Definition.Schedule!.Cron, removed.Definition.Action!.Http!.Headers!["Authorization"]));
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<KairosApiException>(() => server.Client.GetJobVersionAsync("api-job", 4))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<KairosApiException>(() => server.Client.ListJobVersionsAsync("never-was"))).Status);
    }

    [Fact]
    public async Task Versions_ReasonLongerThanAnyOtherReason_IsRefusedAndNothingChanges()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        using var response = await server.Http.PutAsJsonAsync(new Uri($"api/jobs/api-job?reason={new string('x', 1001)}", UriKind.Relative), Definition("0 9 * * *", "t"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<KairosApiException>(() => server.Client.ListJobVersionsAsync("api-job"))).Status);
    }

    [Fact]
    public async Task VersionDetail_NonAdmin_SeesCredentialsMaskedAsInTheJobsApi()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        Assert.Equal(Secret, (await server.Client.GetJobVersionAsync("team-a-job", 1)).Definition.Action!.Command!.Env!["API_TOKEN"]);

        using var viewer = await server.ClientAsAsync(Role.Viewer);
        var version = await viewer.GetFromJsonAsync<JobVersionDetailDto>(new Uri("api/jobs/team-a-job/versions/1", UriKind.Relative));
        var job = await viewer.GetFromJsonAsync<JobDto>(new Uri("api/jobs/team-a-job", UriKind.Relative));
        var masked = version!.Definition.Action!.Command!.Env!["API_TOKEN"];
        Assert.NotEqual(Secret, masked);
        Assert.Equal(job!.Definition.Action!.Command!.Env!["API_TOKEN"], masked);
        Assert.DoesNotContain(Secret, await viewer.GetStringAsync(new Uri("api/jobs/team-a-job/versions", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_OwnerScopedViewer_Gets404ForAnotherTeamsJob_EvenAfterItIsDeleted()
    {
        await using var server = await ServerFixture.StartAsync(Jobs, extraArgs: ["--Kairos:Access:OwnerScopedReads", "true"]);
        using var viewerA = await server.ClientAsAsync(Role.Viewer, "team-a");
        using var viewerB = await server.ClientAsAsync(Role.Viewer, "team-b");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewerA, "api/jobs/team-a-job/versions"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(viewerA, "api/jobs/team-a-job/versions/1"));
        foreach (var path in new[] { "api/jobs/team-b-job/versions", "api/jobs/team-b-job/versions/1" })
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viewerA, path));

        using (var deleted = await server.Http.DeleteAsync(new Uri("api/jobs/team-b-job", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(viewerA, "api/jobs/team-b-job/versions"));
        var history = await viewerB.GetFromJsonAsync<List<JobVersionDto>>(new Uri("api/jobs/team-b-job/versions", UriKind.Relative));
        Assert.Equal(["deleted", "created"], history!.Select(v => v.Kind));
    }

    [Fact]
    public async Task OpenApi_DescribesTheHistoryResponsesAndTheReasonParameter()
    {
        await using var server = await ServerFixture.StartAsync(Jobs);
        var paths = (await server.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("openapi/v1.json")).GetProperty("paths");
        var list = paths.GetProperty("/api/jobs/{id}/versions").GetProperty("get").GetProperty("responses");
        Assert.Contains("JobVersionDto", list.GetProperty("200").GetRawText(), StringComparison.Ordinal);
        Assert.True(list.TryGetProperty("404", out _));
        var one = paths.GetProperty("/api/jobs/{id}/versions/{version}").GetProperty("get").GetProperty("responses");
        Assert.Contains("JobVersionDetailDto", one.GetProperty("200").GetRawText(), StringComparison.Ordinal);
        foreach (var method in new[] { "put", "delete" })
            Assert.Contains(paths.GetProperty("/api/jobs/{id}").GetProperty(method).GetProperty("parameters").EnumerateArray(),
                p => p.GetProperty("name").GetString() == "reason" && p.GetProperty("in").GetString() == "query");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
