using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kairos.Client.Contracts;

namespace Kairos.Client;

/// <summary>JSON over HTTP with Kairos's error contract: a refusal becomes a <see cref="KairosApiException"/> carrying the server's code.</summary>
/// <remarks>
/// Bodies and answers are (de)serialized from compile-time metadata only, so a type outside the contract throws
/// <see cref="NotSupportedException"/> in every build, not only in a trimmed one.
/// </remarks>
/// <param name="http">The client, its base address set to the server.</param>
/// <param name="types">Metadata for the caller's own request and answer types; the Kairos contract is always included.</param>
public sealed class ApiTransport(HttpClient http, IJsonTypeInfoResolver types)
{
    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(types, ContractJsonContext.Default),
    };

    /// <summary>A transport for the Kairos contract's own types.</summary>
    public ApiTransport(HttpClient http) : this(http, ContractJsonContext.Default)
    {
    }

    /// <summary>GETs <paramref name="path"/> (relative to the client's base address) and reads the JSON answer.</summary>
    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="body"/> as JSON and reads the JSON answer.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, _json.GetTypeInfo(body.GetType())) };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends an action that may be held for a second person's approval: a 202 pointing at <c>/api/approvals/</c> carries
    /// the approval instead of the result.
    /// </summary>
    public async Task<Gated<T>> SendGatedAsync<T>(HttpMethod method, string path, object body, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(body);
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, _json.GetTypeInfo(body.GetType())) };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted && response.Headers.Location?.OriginalString.Contains("/api/approvals/", StringComparison.Ordinal) == true)
            return new(null, await ReadAsync<ApprovalDto>(response, cancellationToken).ConfigureAwait(false));
        return new(await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Sends a raw <paramref name="content"/> (such as a CSV file) and reads the JSON answer.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request with no body and expects no answer (204), such as a DELETE.</summary>
    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Any action may be configured to wait for a second person; a caller that did not expect it gets a clear refusal, not a misread body.
        if (response.StatusCode == HttpStatusCode.Accepted && typeof(T) != typeof(ApprovalDto)
            && response.Headers.Location?.OriginalString.Contains("/api/approvals/", StringComparison.Ordinal) == true)
        {
            var approval = (await response.Content.ReadFromJsonAsync(TypeInfo<ApprovalDto>(), cancellationToken).ConfigureAwait(false))!;
            throw new KairosApiException(HttpStatusCode.Accepted, "approval-pending", $"waiting for approval {approval.Id}: {approval.Summary}");
        }
        if (response.IsSuccessStatusCode)
            return (await response.Content.ReadFromJsonAsync(TypeInfo<T>(), cancellationToken).ConfigureAwait(false))!;
        throw await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_json.GetTypeInfo(typeof(T));

    private static async Task<KairosApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var code = root.TryGetProperty("code", out var c) ? c.GetString() ?? "error" : StatusCode(response.StatusCode);
            var message = root.TryGetProperty("detail", out var d) && d.GetString() is { Length: > 0 } detail ? detail
                : root.TryGetProperty("title", out var t) ? t.GetString() ?? "" : text;
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
                ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToArray())
                : null;
            return new KairosApiException(response.StatusCode, code, message, errors);
        }
        catch (JsonException)
        {
            return new KairosApiException(response.StatusCode, StatusCode(response.StatusCode), $"HTTP {(int)response.StatusCode}: {text}");
        }
    }

    private static string StatusCode(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => "not-found",
        HttpStatusCode.Conflict => "conflict",
        HttpStatusCode.BadRequest => "validation",
        HttpStatusCode.Unauthorized => "unauthenticated",
        HttpStatusCode.Forbidden => "forbidden",
        HttpStatusCode.TooManyRequests => "rate-limited",
        _ => "error",
    };
}
