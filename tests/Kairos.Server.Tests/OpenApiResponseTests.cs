using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kairos.Core.Access;

namespace Kairos.Server.Tests;

/// <summary>
/// The OpenAPI description lists the answers operations really give: each real answer below is one its operation
/// declares, with the body type a client would read, and every operation has a unique operationId.
/// </summary>
public sealed class OpenApiResponseTests : IAsyncLifetime
{
    private ServerFixture _server = null!;
    private JsonElement _paths;

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string> { ["manual.yaml"] = "id: manual\naction: { noop: true }\n" });
        _paths = (await _server.Http.GetFromJsonAsync<JsonElement>("openapi/v1.json")).GetProperty("paths");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Description_KeyOperations_DeclareTheirCodesAndBodies()
    {
        var trigger = Responses("post", "/api/jobs/{id}/trigger");
        var accepted = trigger.GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("oneOf");
        Assert.Equal(["RunCreatedDto", "ApprovalDto"], accepted.EnumerateArray().Select(s => s.GetProperty("$ref").GetString()!.Split('/')[^1]));
        Assert.False(trigger.TryGetProperty("200", out _), "trigger answers 202, never 200");
        foreach (var code in new[] { "400", "401", "403", "404" }) Assert.EndsWith("ProblemDetails", SchemaRef(trigger, code, "application/problem+json"), StringComparison.Ordinal);

        var logout = Responses("post", "/api/auth/logout");
        Assert.True(logout.TryGetProperty("204", out var noContent) && !noContent.TryGetProperty("content", out _), "logout answers 204 without a body");

        var job = Responses("get", "/api/jobs/{id}");
        Assert.EndsWith("/JobDto", SchemaRef(job, "200", "application/json"), StringComparison.Ordinal);
        Assert.EndsWith("/ProblemDetails", SchemaRef(job, "404", "application/problem+json"), StringComparison.Ordinal);
        Assert.False(job.TryGetProperty("403", out _), "a viewer may read jobs: no role refusal to declare");
    }

    [Fact]
    public void Description_EveryOperation_HasAUniqueOperationId()
    {
        var ids = _paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .Select(o => o.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.True(ids.Count > 40, $"only {ids.Count} operations");
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task RealAnswers_AreDeclaredByTheirOperation()
    {
        using var viewer = await _server.ClientAsAsync(Role.Viewer);
        using var anonymous = await _server.ClientAsAsync(null);
        AssertDeclared("post", "/api/jobs/{id}/trigger", await _server.Http.PostAsJsonAsync("api/jobs/manual/trigger", new { reason = "check the description" }), HttpStatusCode.Accepted);
        AssertDeclared("post", "/api/jobs/{id}/trigger", await _server.Http.PostAsJsonAsync("api/jobs/manual/trigger", new { }), HttpStatusCode.BadRequest);
        AssertDeclared("post", "/api/jobs/{id}/trigger", await viewer.PostAsJsonAsync("api/jobs/manual/trigger", new { reason = "a viewer" }), HttpStatusCode.Forbidden);
        AssertDeclared("post", "/api/jobs/{id}/trigger", await _server.Http.PostAsJsonAsync("api/jobs/nope/trigger", new { reason = "no such job" }), HttpStatusCode.NotFound);
        AssertDeclared("get", "/api/jobs/{id}", await _server.Http.GetAsync(new Uri("api/jobs/nope", UriKind.Relative)), HttpStatusCode.NotFound);
        AssertDeclared("get", "/api/jobs/{id}", await anonymous.GetAsync(new Uri("api/jobs/manual", UriKind.Relative)), HttpStatusCode.Unauthorized);
        AssertDeclared("get", "/api/jobs/{id}/explain", await _server.Http.GetAsync(new Uri("api/jobs/manual/explain?next=-1", UriKind.Relative)), HttpStatusCode.BadRequest);
        AssertDeclared("post", "/api/auth/logout", await viewer.PostAsync(new Uri("api/auth/logout", UriKind.Relative), null), HttpStatusCode.NoContent);
    }

    private void AssertDeclared(string method, string path, HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            Assert.Equal(expected, response.StatusCode);
            var code = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Responses(method, path).TryGetProperty(code, out var declared), $"{method.ToUpperInvariant()} {path} answered {code}, which it does not declare");
            var type = response.Content.Headers.ContentType?.MediaType;
            if (type is not null) Assert.True(declared.GetProperty("content").TryGetProperty(type, out _), $"{method.ToUpperInvariant()} {path} answered {code} as {type}, which it does not declare");
        }
    }

    private JsonElement Responses(string method, string path) => _paths.GetProperty(path).GetProperty(method).GetProperty("responses");

    private static string SchemaRef(JsonElement responses, string code, string mediaType) =>
        responses.GetProperty(code).GetProperty("content").GetProperty(mediaType).GetProperty("schema").GetProperty("$ref").GetString()!;
}
