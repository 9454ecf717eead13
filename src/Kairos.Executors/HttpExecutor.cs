using System.Text;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Secrets;

namespace Kairos.Executors;

/// <summary>
/// Calls the job's URL; the attempt succeeds on one of its success status codes. The response is kept, truncated.
/// Each call carries an <c>Idempotency-Key</c> (the IETF httpapi draft's header) naming the run's occasion, the same
/// for every attempt and rerun of one slot or business date, so a partner that honours it makes one effect of them.
/// </summary>
/// <param name="store">Where reruns are followed to the run they rerun; without it a rerun's key is its own occasion.</param>
/// <param name="secrets">Where secret references in the URL, headers and body are read; the server's environment and default secrets folder when null.</param>
public sealed class HttpExecutor(HttpClient http, IKairosStore? store = null, ISecretSource? secrets = null) : IActionExecutor
{
    public const int MaxResponseChars = 4000;
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public bool CanExecute(JobAction action) => action is HttpAction;

    public async Task<ActionOutcome> ExecuteAsync(ActionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var action = (HttpAction)context.Job.Action;
        // References are resolved before templates are expanded, so a value that came from a message can never name a secret.
        var resolver = new SecretResolver(secrets ?? new LocalSecretSource(LocalSecretSource.DefaultFolder));
        var url = resolver.Resolve(action.Url.OriginalString);
        var headers = action.Headers.Select(h => (h.Key, Value: context.Expand(resolver.Resolve(h.Value)))).ToList();
        var body = action.BodyTemplate is { } template ? context.Expand(resolver.Resolve(template)) : null;
        if (resolver.Failure is { } missing) return SecretsMissingOutcome.For(context, resolver, missing);
        context = context with { Output = new MaskedRunOutput(context.Output, resolver.Mask()) };
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target))
        {
            context.Output.Write(LogStream.System, "the URL is not valid once its secret references are filled in");
            return new ActionOutcome(false, "the URL is not valid once its secret references are filled in");
        }
        using var request = new HttpRequestMessage(new HttpMethod(action.Method), target);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.TryAddWithoutValidation("X-Kairos-Run-Id", context.Variables["runId"]);
        // A job that sets its own key keeps it.
        if (!request.Headers.Contains(IdempotencyKeyHeader))
        {
            var key = await EffectKeys.ForAsync(context, store?.Runs, cancellationToken).ConfigureAwait(false);
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, key.IdempotencyKey());
        }
        context.Output.Write(LogStream.System, $"{action.Method} {UrlRedaction.Redact(action.Url.OriginalString)}");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (text.Length > MaxResponseChars) text = text[..MaxResponseChars] + $"… ({text.Length - MaxResponseChars} more characters)";
            var status = (int)response.StatusCode;
            context.Output.Write(LogStream.Stdout, $"HTTP {status} {response.ReasonPhrase}");
            foreach (var line in text.Split('\n')) context.Output.Write(LogStream.Stdout, line.TrimEnd('\r'));
            var ok = action.IsSuccess(status);
            return new ActionOutcome(ok, $"HTTP {status}{(ok ? "" : " is not a success status for this job")}", HttpStatus: status);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ActionOutcome(false, "request cancelled");
        }
        catch (HttpRequestException e)
        {
            var reason = resolver.Mask().Apply(e.Message);
            context.Output.Write(LogStream.System, reason);
            return new ActionOutcome(false, $"request failed: {reason}");
        }
    }
}
