using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Client;
using Kairos.Client.Contracts;

namespace Kairos.Server.Tests;

public sealed class ApiTests : IAsyncLifetime
{
    private ServerFixture _server = null!;

    private KairosClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["report.yaml"] = "id: report\nowner: settlement\nschedule: { cron: '0 9 * * *', calendar: WEEKDAYS, days: business-days }\naction: { command: { argv: [echo, report] } }\n",
        ["hang.yaml"] = "id: hang\naction: { command: { argv: [sleep, '60'], killGrace: 1s } }\n",
        ["bad-<b>.yaml"] = "id: broken\nschedule: { cron: 'nope' }\naction: { noop: true }\n",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Jobs_FromFolder_ValidOnesListedWithSource()
    {
        var jobs = await Client.ListJobsAsync();
        Assert.Equal(["hang", "report"], jobs.Select(j => j.Id));
        var report = jobs.Single(j => j.Id == "report");
        Assert.Equal("settlement", report.Owner);
        Assert.StartsWith("file:", report.Source, StringComparison.Ordinal);
        Assert.Contains("business days of WEEKDAYS", report.Schedule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutJob_Invalid_ValidationProblemPerFieldAndNothingSaved()
    {
        var e = await Assert.ThrowsAsync<KairosApiException>(() => Client.PutJobAsync(new JobDefinition
        {
            Id = "new-job",
            Schedule = new ScheduleDefinition { Cron = "61 * * * *", Calendar = "MARS" },
            Action = new ActionDefinition { Command = new CommandDefinition { Argv = [] } },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal("validation", e.Code);
        Assert.Equal(["action.command.argv", "schedule.calendar", "schedule.cron"], e.Errors.Keys.Order());
        Assert.Contains("minute field", e.Errors["schedule.cron"][0], StringComparison.Ordinal);
        var missing = await Assert.ThrowsAsync<KairosApiException>(() => Client.GetJobAsync("new-job"));
        Assert.Equal("not-found", missing.Code);
    }

    [Fact]
    public async Task PutJob_UnknownFieldOrWrongType_400NamesIt()
    {
        using var response = await _server.Http.PutAsync(new Uri("api/jobs/x", UriKind.Relative),
            new StringContent("{\"id\":\"x\",\"action\":{\"noop\":true},\"retries\":{\"count\":\"many\"}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("count", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PutJob_Valid_CreatedAuditedAndExplained()
    {
        var job = await Client.PutJobAsync(new JobDefinition { Id = "api-job", Schedule = new() { Cron = "*/5 * * * *" }, Action = new() { Noop = true } });
        Assert.Equal("api", job.Source);
        var explain = await Client.ExplainAsync("api-job", next: 3);
        Assert.Equal(3, explain.Next.Count);
        Assert.All(explain.Next, s => Assert.True(s.WillRun));
        Assert.Contains("Asia/Seoul", explain.Next[0].LocalTime, StringComparison.Ordinal);
        var audit = await _server.Http.GetFromJsonAsync<JsonElement>("api/audit?target=job:api-job");
        Assert.Equal("job.create", audit[0].GetProperty("action").GetString());
        Assert.Equal("tester", audit[0].GetProperty("actor").GetString());
        Assert.StartsWith("127.0.0.1 token ", audit[0].GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("api-job", audit[0].GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hold_ExplainShowsHeldReason_ReleaseClearsIt()
    {
        await Client.HoldAsync("report", "month-end freeze");
        var held = await Client.ExplainAsync("report", next: 5);
        Assert.True(held.Held);
        Assert.All(held.Next, s => Assert.False(s.WillRun));
        Assert.Contains(held.Next, s => s.SkipReason == "held" && s.Detail!.Contains("month-end freeze", StringComparison.Ordinal));
        var noReason = await Assert.ThrowsAsync<KairosApiException>(() => Client.ReleaseAsync("report"));
        Assert.Equal(("validation", true), (noReason.Code, noReason.Errors.ContainsKey("reason")));
        Assert.True((await Client.GetJobAsync("report")).Held);
        await Client.ReleaseAsync("report", "freeze over");
        Assert.False((await Client.GetJobAsync("report")).Held);
    }

    [Fact]
    public async Task Trigger_KillRerun_FullCycle()
    {
        var created = await Client.TriggerAsync("hang", "2026-11-20", "test");
        Assert.Equal("2026-11-20", created.BusinessDate);
        var running = await WaitForStateAsync(created.RunId, "running");
        Assert.Equal("manual", running.Trigger);
        var killed = await Client.KillAsync(created.RunId, "stuck");
        Assert.Contains(killed.State, new[] { "running", "killed" });
        var final = await WaitForStateAsync(created.RunId, "killed");
        Assert.Contains("killed by tester", final.Detail, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<KairosApiException>(() => Client.KillAsync(created.RunId, "again"));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        var rerun = await Client.RerunAsync(created.RunId, "after the fix");
        Assert.Equal("2026-11-20", rerun.BusinessDate);
        Assert.Equal(created.RunId, (await Client.GetRunAsync(rerun.RunId)).RerunOf);
        await Client.KillAsync(rerun.RunId, "not needed");
        var events = await Client.GetRunEventsAsync(created.RunId);
        Assert.Equal(["queued", "running", "running", "killed"], events.Select(e => e.To));
        var logs = await Client.GetLogsAsync(created.RunId);
        Assert.Contains(logs, l => l.Stream == "system" && l.Text.Contains("SIGTERM", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("api/runs?state=sleeping", HttpStatusCode.BadRequest, "validation")]
    [InlineData("api/runs?limit=0", HttpStatusCode.BadRequest, "validation")]
    [InlineData("api/runs/999999", HttpStatusCode.NotFound, "not-found")]
    [InlineData("api/jobs/nope/explain", HttpStatusCode.NotFound, "not-found")]
    public async Task BadRequests_ProblemDetailsWithCode(string path, HttpStatusCode status, string code)
    {
        using var response = await _server.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Trigger_BadBusinessDate_400AndNoRunCreated()
    {
        var before = (await Client.ListRunsAsync("report")).Count;
        var e = await Assert.ThrowsAsync<KairosApiException>(() => Client.TriggerAsync("report", "2026-13-01"));
        Assert.Equal("validation", e.Code);
        Assert.Equal(before, (await Client.ListRunsAsync("report")).Count);
    }

    [Fact]
    public async Task OpenApi_Served_DescribesTheApi()
    {
        var doc = await _server.Http.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/jobs/{id}/explain", paths);
        Assert.Contains("/api/runs/{id}/kill", paths);
        Assert.Contains("/api/runs/{id}/logs", paths);
    }

    [Fact]
    public async Task Health_Ready_Ok()
    {
        using var response = await _server.Http.GetAsync(new Uri("healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task JobFile_Changed_ReloadedAndBrokenFileLeavesJobAlone()
    {
        await File.WriteAllTextAsync(Path.Combine(_server.JobsFolder, "late.yaml"), "id: late\ndescription: v1\naction: { noop: true }\n");
        Assert.Equal("v1", (await WaitForJobAsync("late", j => j.Description == "v1")).Description);
        await File.WriteAllTextAsync(Path.Combine(_server.JobsFolder, "late.yaml"), "id: late\ndescription: v2\naction: { noop: true }\n");
        Assert.Equal("v2", (await WaitForJobAsync("late", j => j.Description == "v2")).Description);
        await File.WriteAllTextAsync(Path.Combine(_server.JobsFolder, "late.yaml"), "id: late\ndescription: v3\naction: { nope: true }\n");
        await Task.Delay(1500);
        Assert.Equal("v2", (await Client.GetJobAsync("late")).Description);
    }

    [Fact]
    public async Task JobFile_MayRunAfterAJobDefinedThroughTheApi()
    {
        await Client.PutJobAsync(new JobDefinition { Id = "api-upstream", Action = new ActionDefinition { Noop = true } });
        await File.WriteAllTextAsync(Path.Combine(_server.JobsFolder, "downstream.yaml"), "id: downstream\naction: { noop: true }\nafter:\n  - job: api-upstream\n");
        Assert.Equal("downstream", (await WaitForJobAsync("downstream", _ => true)).Id);
    }

    private async Task<JobDto> WaitForJobAsync(string id, Func<JobDto, bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                var job = await Client.GetJobAsync(id);
                if (condition(job)) return job;
            }
            catch (KairosApiException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"job {id} never matched");
    }

    private Task<RunDto> WaitForStateAsync(long id, string state) => _server.WaitForStateAsync(id, state);
}
