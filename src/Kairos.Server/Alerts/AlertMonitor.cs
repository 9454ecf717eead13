using System.Globalization;
using Kairos.Core.Alerts;
using Kairos.Core.Ports;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;
using Kairos.Scheduling;
using Kairos.Server.Metrics;
using Kairos.Server.Operations.Flows;
using Kairos.Server.Texts;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kairos.Server.Alerts;

/// <summary>
/// Checks recent and unfinished runs against the alert rules every <see cref="AlertOptions.CheckInterval"/> and sends
/// each new alert to the webhooks that want it. Every node checks; the store's unique (run, kind, webhook) record
/// decides which node sends, so an alert goes out once however many nodes run and however often they look.
/// </summary>
internal sealed partial class AlertMonitor(
    AlertOptions options, IKairosStore store, JobCatalog jobs, FlowRuns flows, IHttpClientFactory http, KairosMetrics metrics, TimeProvider clock, ILogger<AlertMonitor> log)
    : BackgroundService
{
    public const string HttpClientName = "alerts";

    // Webhooks get the alert in English, as before reasons were codes: a receiver may parse it, and it has no reader's language.
    private static readonly CultureInfo SentLanguage = CultureInfo.GetCultureInfo("en");

    private readonly ResiliencePipeline _delivery = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 2, Delay = TimeSpan.FromSeconds(1), BackoffType = DelayBackoffType.Exponential, UseJitter = true })
        .AddTimeout(TimeSpan.FromSeconds(10))
        .Build();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Webhooks.Count == 0) return;
        using var timer = new PeriodicTimer(options.CheckInterval, clock);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store outage must not end the monitor; the next pass finds the same runs again.
                LogCheckFailed(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: every alert due now that no node has recorded yet is recorded and sent.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var run in await store.Runs.ActiveOrFinishedSinceAsync(now - options.Lookback, now, ct))
        {
            // One run (or its job's SLA) that cannot be judged is logged against it; the others still get their alerts.
            try
            {
                await CheckRunAsync(run, now, ct);
            }
            catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
            {
                LogRunCheckFailed(log, e, run.Id, run.JobId);
            }
        }
        await CheckFlowsAsync(now, ct);
    }

    // A flow run late on its finishBy is alerted once, recorded against its first root run (the run its slot made): the
    // flow's two latest business dates are looked at, since a flow run stuck on a late step has runs older than the lookback.
    private async Task CheckFlowsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Core.Schedules.Schedule.DefaultZone).DateTime);
        foreach (var flow in flows.List(_ => true).Where(f => f.FinishBy is not null))
        {
            try
            {
                foreach (var date in await flows.RecentDatesAsync(flow, today.AddDays(1), 2, ct))
                {
                    var status = await flows.JudgeAsync(flow, date, ct);
                    var anchor = status.Steps.Where(s => s.Step.IsRoot && s.Run is not null).Select(s => s.Run!).MinBy(r => r.Id);
                    if (anchor is null) continue;
                    var zone = flow.Schedule?.Zone ?? Core.Schedules.Schedule.DefaultZone;
                    if (FlowAlertRules.Due(status, anchor.SlotTime ?? anchor.CreatedAt, zone, now) is { } due) await RecordAndSendAsync(anchor, due, ct);
                }
            }
            catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
            {
                LogFlowCheckFailed(log, e, flow.Name);
            }
        }
    }

    private async Task CheckRunAsync(Run run, DateTimeOffset now, CancellationToken ct)
    {
        var job = jobs.Find(run.JobId);
        var zone = job?.Schedule?.Zone ?? Core.Schedules.Schedule.DefaultZone;
        foreach (var due in AlertRules.Due(run, job?.Sla, zone, now)) await RecordAndSendAsync(run, due, ct);
    }

    private async Task RecordAndSendAsync(Run run, DueAlert due, CancellationToken ct)
    {
        foreach (var webhook in options.Webhooks.Where(w => w.Wants(due.Kind)))
        {
            var id = await store.Alerts.TryRecordAsync(new AlertRecord(0, run.Id, run.JobId, due.Kind, webhook.Name, StoredReason.Write(due.Why), clock.GetUtcNow()), ct);
            if (id is { } recorded) await SendAsync(recorded, webhook, due, run, ct);
        }
    }

    private async Task SendAsync(long id, WebhookOptions webhook, DueAlert due, Run run, CancellationToken ct)
    {
        var body = AlertMessages.Body(webhook.Format, due.Kind, ReasonText.Render(due.Why, SentLanguage), run, options.ConsoleUrl, clock.GetUtcNow());
        string? error = null;
        try
        {
            await _delivery.ExecuteAsync(async token =>
            {
                using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                using var response = await http.CreateClient(HttpClientName).PostAsync(webhook.Url, content, token);
                response.EnsureSuccessStatusCode();
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = e.Message;
            LogDeliveryFailed(log, due.Kind.ToWire(), run.Id, webhook.Name, e.Message);
        }
        await store.Alerts.SetDeliveryAsync(id, error is null ? AlertDelivery.Sent : AlertDelivery.Failed, error, clock.GetUtcNow(), CancellationToken.None);
        metrics.AlertSent(due.Kind, webhook.Name, error is null);
    }

    [LoggerMessage(LogLevel.Warning, "Checking runs for alerts failed; the next pass tries again")]
    private static partial void LogCheckFailed(ILogger logger, Exception e);

    [LoggerMessage(LogLevel.Error, "Checking run {RunId} of {JobId} for alerts failed; the other runs were checked")]
    private static partial void LogRunCheckFailed(ILogger logger, Exception e, long runId, string jobId);

    [LoggerMessage(LogLevel.Error, "Checking flow {Flow} for its finishBy failed; the other flows were checked")]
    private static partial void LogFlowCheckFailed(ILogger logger, Exception e, string flow);

    [LoggerMessage(LogLevel.Warning, "The {Kind} alert for run {RunId} could not be delivered to webhook {Webhook}: {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string kind, long runId, string webhook, string error);
}
