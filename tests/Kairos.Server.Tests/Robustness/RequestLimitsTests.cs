using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kairos.Core.Access;

namespace Kairos.Server.Tests.Robustness;

/// <summary>
/// Bad input gets a clear 4xx, changes nothing and never stops the server: oversized bodies and texts, dates at the
/// ends of the calendar, absurd durations, and job files that once stopped the server at start.
/// </summary>
public sealed class RequestLimitsTests(RequestLimitsTests.Server fixture) : IClassFixture<RequestLimitsTests.Server>
{
    /// <summary>One server for the class: every request here is refused, so none changes what the next one sees.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public ServerFixture Fixture { get; private set; } = null!;

        public async Task InitializeAsync() => Fixture = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            ["report.yaml"] = "id: report\nowner: settlement\nschedule: { cron: '0 0 9 1 1 *', calendar: KR-BANK }\naction: { noop: true }\n",
            // Each of these once stopped the server at start, or filled its memory; now each is one error in the log.
            ["overflow.yaml"] = "id: overflow\naction: { noop: true }\ntimeout: 99999999999d\n",
            ["bomb.yaml"] = Bounds.AliasBomb,
        });

        public async Task DisposeAsync() => await Fixture.DisposeAsync();
    }

    private readonly ServerFixture _server = fixture.Fixture;

    [Fact]
    public async Task Start_JobFilesWithOverflowAndAliasBomb_ServerRunsTheOthers()
    {
        Assert.Equal(["report"], (await _server.Client.ListJobsAsync()).Select(j => j.Id));
    }

    [Fact]
    public async Task Post_DeclaredBodyOverTheLimit_413BeforeReadingIt()
    {
        var before = await StoreSnapshot.TakeAsync(_server);
        // Only the headers are sent: the answer must come from the declared length alone.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_server.Address.Host, _server.Address.Port);
        var stream = tcp.GetStream();
        var token = _server.Http.DefaultRequestHeaders.Authorization!.Parameter;
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /api/jobs/report/hold HTTP/1.1\r\nHost: {_server.Address.Authority}\r\nAuthorization: Bearer {token}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {31 * 1024 * 1024}\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"too-large\"", answer, StringComparison.Ordinal);
        Assert.Null((await StoreSnapshot.TakeAsync(_server)).Difference(before));
    }

    [Fact]
    public async Task Post_UndeclaredBodyOverTheLimit_413ProblemAndNothingChanged()
    {
        var before = await StoreSnapshot.TakeAsync(_server);
        var json = $"{{\"reason\":\"{new string('r', 2 * 1024 * 1024)}\"}}";
        using var response = await _server.Http.PostAsync("api/jobs/report/hold", new ChunkedContent(json));
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "too-large");
        Assert.Null((await StoreSnapshot.TakeAsync(_server)).Difference(before));
    }

    [Fact]
    public async Task Hold_ReasonOverTheLimit_400NamingReasonAndNothingChanged()
    {
        var before = await StoreSnapshot.TakeAsync(_server);
        using var response = await _server.Http.PostAsJsonAsync("api/jobs/report/hold", new { reason = new string('r', 1001) });
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Null((await StoreSnapshot.TakeAsync(_server)).Difference(before));
    }

    [Fact]
    public async Task AddUser_NameAndOwnersOverTheLimit_400()
    {
        var before = await StoreSnapshot.TakeAsync(_server);
        using var name = await _server.Http.PostAsJsonAsync("api/users/", new { name = new string('n', 201), role = "viewer", password = "long enough password" });
        await AssertProblemAsync(name, HttpStatusCode.BadRequest, "validation");
        using var owners = await _server.Http.PostAsJsonAsync("api/users/", new { name = "many-owners", role = "viewer", password = "long enough password", owners = Enumerable.Range(0, 101).Select(i => $"team{i}") });
        await AssertProblemAsync(owners, HttpStatusCode.BadRequest, "validation");
        Assert.Null((await StoreSnapshot.TakeAsync(_server)).Difference(before));
    }

    [Theory]
    [InlineData("api/calendars/KR/is-business-day/0001-01-01")]
    [InlineData("api/calendars/KR/is-business-day/9999-12-31")]
    [InlineData("api/calendars/KR/next/9999-12-31")]
    [InlineData("api/calendars/KR/previous/0001-01-01")]
    [InlineData("api/calendars/KR/add/9999-12-30?n=5")]
    [InlineData("api/calendars/KR/add/0001-01-02?n=-5")]
    [InlineData("api/calendars/KR/between?from=0001-01-01&to=9999-12-31")]
    [InlineData("api/calendars/KR/holidays?from=9999-01-01&to=9999-12-31")]
    public async Task Calendar_DateAtTheEndsOfDateOnly_400NotA500(string path)
    {
        using var anonymous = await _server.ClientAsAsync(null);
        using var response = await anonymous.GetAsync(path);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Backfill_YearOne_400NotA500()
    {
        var before = await StoreSnapshot.TakeAsync(_server);
        using var response = await _server.Http.PostAsJsonAsync("api/jobs/report/backfill", new { from = "0001-01-01", to = "0001-01-10", reason = "probe", confirm = true });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Null((await StoreSnapshot.TakeAsync(_server)).Difference(before));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task Trigger_BusinessDateOutsideTheAnsweredYears_400AndNoRun(string date)
    {
        var before = await StoreSnapshot.TakeAsync(_server);
        using var response = await _server.Http.PostAsJsonAsync("api/jobs/report/trigger", new { businessDate = date, reason = "probe" });
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Null((await StoreSnapshot.TakeAsync(_server)).Difference(before));
    }

    [Theory]
    [InlineData("timeout", "99999999999d")]
    [InlineData("timeout", "100d")]
    [InlineData("retries", "{\"count\":3,\"backoff\":\"10675199d\"}")]
    [InlineData("sla", "{\"maxDuration\":\"10675199d\"}")]
    public async Task PutAndValidate_AbsurdDuration_RefusedNaming(string field, string value)
    {
        var json = value.StartsWith('{') ? value : $"\"{value}\"";
        var body = $"{{\"id\":\"absurd\",\"action\":{{\"noop\":true}},\"{field}\":{json}}}";
        var before = await StoreSnapshot.TakeAsync(_server);
        using var put = await _server.Http.PutAsync("api/jobs/absurd", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await AssertProblemAsync(put, HttpStatusCode.BadRequest, "validation");
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null((await StoreSnapshot.TakeAsync(_server)).Difference(before));

        using var validate = await _server.Http.PostAsync("api/jobs/validate", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, validate.StatusCode);
        var result = await validate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(result.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Validate_AsViewer_SameAnswerWhetherAProgramExistsOrNot()
    {
        static StringContent Probe(string program) => new($"{{\"id\":\"probe\",\"action\":{{\"command\":{{\"argv\":[\"{program}\"]}}}}}}", Encoding.UTF8, "application/json");
        using var viewer = await _server.ClientAsAsync(Role.Viewer);
        var existing = await (await viewer.PostAsync("api/jobs/validate", Probe("/etc/passwd"))).Content.ReadAsStringAsync();
        var missing = await (await viewer.PostAsync("api/jobs/validate", Probe("/no/such/program"))).Content.ReadAsStringAsync();
        Assert.Equal(existing, missing);
        // An admin, who may save the job anyway, is told.
        var told = await (await _server.Http.PostAsync("api/jobs/validate", Probe("/no/such/program"))).Content.ReadAsStringAsync();
        Assert.Contains("/no/such/program", told, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    /// <summary>A body sent without Content-Length, so the server finds out its size only while reading it.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly string text;

        public ChunkedContent(string text)
        {
            this.text = text;
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
