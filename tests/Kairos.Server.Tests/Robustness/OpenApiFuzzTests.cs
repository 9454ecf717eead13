using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kairos.Core.Access;

namespace Kairos.Server.Tests.Robustness;

/// <summary>
/// Every route of the server's own OpenAPI description, sent malformed, oversized and out-of-range input as an admin:
/// no answer may be a 5xx, every answer must be one the operation declares, and a refused request must leave the
/// store as it was. Deterministic (a fixed seed) and
/// bounded, so it runs in the suite.
/// </summary>
public sealed class OpenApiFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261130;

    private ServerFixture _server = null!;

    public async Task InitializeAsync() => _server = await ServerFixture.StartAsync(new Dictionary<string, string>
    {
        ["report.yaml"] = "id: report\nowner: settlement\nschedule: { cron: '0 0 9 1 1 *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n",
        ["manual.yaml"] = "id: manual\naction: { noop: true }\n",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryRoute_MalformedOversizedAndOutOfRangeInput_No5xxAndRefusalsChangeNothing()
    {
        using var admin = await _server.ClientAsAsync(Role.Admin);
        var run = await (await admin.PostAsJsonAsync("api/jobs/manual/trigger", new { reason = "a run to probe" })).Content.ReadFromJsonAsync<JsonElement>();
        var runId = run.GetProperty("runId").GetInt64().ToString(CultureInfo.InvariantCulture);
        var operations = OpenApiOperation.Read(JsonDocument.Parse(await admin.GetStringAsync("openapi/v1.json")).RootElement);
        Assert.True(operations.Count > 40, $"only {operations.Count} operations described");

        var inputs = new FuzzInputs(Seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var undeclared = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var operation in operations)
        {
            var real = RealValues(operation, runId);
            var cases = operation.Method == "GET"
                ? inputs.Urls(operation, real).Select(url => (url, (string?)null, ""))
                : inputs.Urls(operation, real).Select(url => (url, (string?)"{\"reason\":\"fuzz\"}", operation.BodyType ?? "application/json"))
                    .Concat(inputs.Bodies(operation).Select(b => (inputs.Urls(operation, real).First(), (string?)b.Body, b.ContentType)));
            foreach (var (url, body, contentType) in cases)
            {
                // Reads are only checked for their answer: a snapshot per request would double the test's time.
                var before = operation.Method == "GET" ? null : await StoreSnapshot.TakeAsync(_server);
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
                if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
                var (status, answer) = await SendAsync(admin, request);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status < 500 && !operation.Responses.Contains(status) && RoutedAs(request, operation)) undeclared.Add($"{operation} answered {status}, which it does not declare: {Shorten(url)} {Shorten(body)} {Shorten(answer)}");
                if (status >= 500) failures.Add($"{operation} {Shorten(url)} {Shorten(body)}: {status} {Shorten(answer)}");
                else if (before is not null && status >= 400 && (await StoreSnapshot.TakeAsync(_server)).Difference(before) is { } changed)
                    failures.Add($"{operation} {Shorten(url)} {Shorten(body)}: refused with {status} but changed {changed}");
            }
        }
        var summary = $"{statuses.Values.Sum()} requests in {clock.Elapsed.TotalSeconds:0}s, by status: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}";
        Assert.True(failures.Count == 0, $"{failures.Count} failures; {summary}{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(40))}");
        var kinds = undeclared.GroupBy(u => u[..u.IndexOf(':', StringComparison.Ordinal)]).Select(g => g.First()).ToList();
        Assert.True(kinds.Count == 0, $"{kinds.Count} answers the description does not declare:{Environment.NewLine}{string.Join(Environment.NewLine, kinds.Take(60))}");
        Assert.True(statuses.Keys.Count(s => s is >= 200 and < 300) > 0 && statuses.GetValueOrDefault(400) > 100, "the probes never got past the door: " + summary);
    }

    // A probe whose parameter is a dot segment ("..") is sent to another path, so its answer is not this operation's.
    private static bool RoutedAs(HttpRequestMessage request, OpenApiOperation operation) =>
        request.RequestUri is { IsAbsoluteUri: true } sent && sent.AbsolutePath.Trim('/').Split('/').Length == operation.Path.Trim('/').Split('/').Length;

    // Parameters the probes leave real, so that the one they spoil is what the endpoint judges.
    private static Dictionary<string, string> RealValues(OpenApiOperation operation, string runId) => new()
    {
        ["id"] = operation.Path.StartsWith("/api/calendars", StringComparison.Ordinal) ? "KR"
            : operation.Path.StartsWith("/api/runs", StringComparison.Ordinal) ? runId
            : operation.Path.StartsWith("/api/jobs", StringComparison.Ordinal) ? "report" : "999",
        ["name"] = "tester", ["date"] = "2026-11-30", ["from"] = "2026-11-01", ["to"] = "2026-11-30", ["n"] = "1",
        ["year"] = "2026", ["month"] = "11", ["language"] = "ko", ["documentName"] = "v1",
    };

    // A body over the limit is answered 413 before it is read, and the connection closed: a client still sending it
    // sees the connection drop instead of the answer (RequestLimitsTests reads that answer from a socket).
    private static async Task<(int Status, string Answer)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var size = request.Content?.Headers.ContentLength ?? 0;
        try
        {
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException) when (size > 1024 * 1024)
        {
            return (413, "connection closed while the body was sent");
        }
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 120 ? text : $"{text[..120]}…({text.Length})";
}
