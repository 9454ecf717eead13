using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Kairos.Core.Messages;
using Kairos.Kafka.Clients;
using Kairos.Kafka.Consuming;
using Kairos.Kafka.Publishing;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Kairos.Kafka.Relay;

/// <summary>
/// Plays the bank's API gateway: each request message is sent to the partner's REST endpoint (paced, with a timeout
/// per call, retries with jitter and a circuit breaker), and the answer, or the reason there is none, is published to
/// the response topic under the request's key, correlation id and business date. Every request gets exactly one
/// published outcome per processing; a failure to publish it is retried by the consumer and then dead-lettered.
/// Each try takes its own place in the partner's pace, so retries never push the partner over its rate.
/// </summary>
public sealed class RelayHandler : IExternalMessageHandler, IDisposable
{
    private readonly RelayOptions _options;
    private readonly HttpClient _http;
    private readonly PartnerPacer? _pacer;
    private readonly IProducer<string?, byte[]> _producer;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline _callTimeout;
    private readonly ILogger _logger;

    public RelayHandler(string name, RelayOptions options, HttpClient http, PartnerPacer? pacer, KafkaClients clients, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        _options = options;
        _http = http;
        _pacer = pacer;
        _logger = logger;
        _producer = clients.Producer($"{name}-relay");
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests);
        // Retry outermost, so each try passes the breaker; the timeout is per call and starts once the pace lets it go.
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        if (options.Retries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient, MaxRetryAttempts = options.Retries, Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential, UseJitter = true,
            });
        }
        _pipeline = pipeline
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient, FailureRatio = 0.5, MinimumThroughput = options.BreakAfter,
                SamplingDuration = options.BreakSampling, BreakDuration = options.BreakFor,
                OnOpened = a => { _logger.LogWarning("Relay {Relay}: circuit opened for {Duration}: the partner at {Url} keeps failing", name, a.BreakDuration, options.Url); return default; },
                OnClosed = _ => { _logger.LogInformation("Relay {Relay}: circuit closed; calling {Url} again", name, options.Url); return default; },
            })
            .Build();
        _callTimeout = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(options.Timeout).Build();
    }

    public async Task HandleAsync(ConsumedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (outcome, status, body) = await CallAsync(message, cancellationToken).ConfigureAwait(false);
        var headers = new List<KeyValuePair<string, string>>
        {
            // The id the inbox knows the request by: its correlation id, or where it sat when it had none.
            new(MessageHeaders.CorrelationId, message.Id),
            new(MessageHeaders.RelayOutcome, outcome),
        };
        if (status is { } code) headers.Add(new(MessageHeaders.RelayStatus, code.ToString(CultureInfo.InvariantCulture)));
        if (message.Header(MessageHeaders.BusinessDate) is { } date) headers.Add(new(MessageHeaders.BusinessDate, date));
        if (outcome == "error") headers.Add(new(MessageHeaders.Error, body));
        var value = outcome == "error"
            ? JsonSerializer.SerializeToUtf8Bytes(new { error = body, status, request = message.Text })
            : Encoding.UTF8.GetBytes(body);
        // Awaited: the request counts as handled only once its outcome is safely in Kafka.
        await _producer.ProduceAsync(_options.ResponseTopic, new Message<string?, byte[]> { Key = message.Key, Value = value, Headers = KafkaHeaders.ToKafka(headers) },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string Outcome, int? Status, string Body)> CallAsync(ConsumedMessage message, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async ct =>
            {
                using var lease = _pacer is null ? null : await _pacer.AcquireAsync(ct).ConfigureAwait(false);
                return await _callTimeout.ExecuteAsync(async callCt =>
                {
                    using var request = new HttpRequestMessage(new HttpMethod(_options.Method.ToUpperInvariant()), _options.Url);
                    if (request.Method != HttpMethod.Get) request.Content = new ByteArrayContent(message.Value) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                    request.Headers.TryAddWithoutValidation(MessageHeaders.CorrelationId, message.Id);
                    return await _http.SendAsync(request, callCt).ConfigureAwait(false);
                }, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return ("error", null, $"not sent: the circuit to {_options.Url} is open after repeated failures");
        }
        catch (TimeoutRejectedException)
        {
            return ("error", null, $"no answer from {_options.Url} within {_options.Timeout.TotalSeconds:0.###} s, {_options.Retries + 1} tries");
        }
        catch (HttpRequestException e)
        {
            return ("error", null, $"could not reach {_options.Url} ({_options.Retries + 1} tries): {e.Message}");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return ("error", status, $"the partner answered {status} {response.ReasonPhrase}: {Shorten(body)}");
            if (_options.ExpectJson && !IsJson(body)) return ("error", status, $"the partner answered {status} with a body that is not JSON: {Shorten(body)}");
            return ("response", status, body);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }
}
