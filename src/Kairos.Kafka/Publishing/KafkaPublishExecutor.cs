using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Kairos.Core.Jobs;
using Kairos.Core.Messages;
using Kairos.Core.Ports;
using Kairos.Executors;

namespace Kairos.Kafka.Publishing;

/// <summary>
/// Carries out <see cref="KafkaPublishAction"/>: builds every message first, each with a correlation id named after the
/// run's occasion and its place in the batch (<see cref="EffectKey"/>), skips those an earlier run of the same occasion
/// delivered (<see cref="PublishLedger"/>), then sends the rest at the partner's pace and waits for every delivery
/// report. The run's log says how many were delivered and why any were not; the attempt fails (and the job's retry
/// policy applies) when any message was not delivered.
/// </summary>
/// <param name="store">Where reruns are followed and deliveries recorded; without it every run sends every message (same ids).</param>
public sealed class KafkaPublishExecutor(SharedProducer producer, PartnerPacers pacers, CommandExecutor commands, TimeProvider clock, IKairosStore? store = null) : IActionExecutor
{
    private const int ErrorLinesKept = 20;

    public bool CanExecute(JobAction action) => action is KafkaPublishAction;

    public async Task<ActionOutcome> ExecuteAsync(ActionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var action = (KafkaPublishAction)context.Job.Action;
        PartnerPacer? pacer = null;
        if (action.Partner is { } partner && (pacer = pacers.Find(partner)) is null)
            return Fail(context, $"partner '{partner}' is not configured under Kairos:Kafka:Partners (known: {string.Join(", ", pacers.Names.DefaultIfEmpty("none"))}); nothing was published");

        var key = await EffectKeys.ForAsync(context, store?.Runs, cancellationToken).ConfigureAwait(false);
        var (messages, problem) = await BuildAsync(action, key, context, cancellationToken).ConfigureAwait(false);
        if (messages is null) return Fail(context, $"{problem}; nothing was published");
        var ledger = new PublishLedger(store?.Inbox, context.Job.Id, action.Topic, clock);
        var earlier = await ledger.AlreadyDeliveredAsync(messages, cancellationToken).ConfigureAwait(false);
        var pace = pacer is null ? "unpaced" : $"partner {pacer.Name}: one every {pacer.Interval.TotalMilliseconds:0.#} ms (at most {pacer.Rate}/s), {pacer.MaxInFlight} in flight";
        var skipped = earlier.Count(d => d);
        context.Output.Write(LogStream.System, $"publishing {messages.Count - skipped} message(s) to {action.Topic} as {key.Occasion} ({pace})" +
            (skipped > 0 ? $"; {skipped} already delivered for this occasion are skipped" : ""));

        var tally = new DeliveryTally(messages.Count);
        var started = clock.GetTimestamp();
        var sent = 0;
        try
        {
            for (; sent < messages.Count; sent++)
            {
                var index = sent;
                if (earlier[index])
                {
                    tally.Record(index, new Error(ErrorCode.NoError), PersistenceStatus.Persisted);
                    continue;
                }
                var lease = pacer is null ? null : await pacer.AcquireAsync(cancellationToken).ConfigureAwait(false);
                producer.Send(action.Topic, messages[index], lease?.At, report =>
                {
                    lease?.Dispose();
                    if (!report.Error.IsError && report.Status == PersistenceStatus.Persisted) ledger.Delivered(messages[index], report.TopicPartitionOffset);
                    tally.Record(index, report.Error, report.Status);
                });
            }
        }
        catch (OperationCanceledException)
        {
            context.Output.Write(LogStream.System, $"stopped after sending {sent} of {messages.Count}; waiting for their delivery reports");
        }
        catch (KafkaException e)
        {
            context.Output.Write(LogStream.System, $"could not send message {sent + 1}: {e.Error.Reason}");
        }
        tally.Sent(sent);
        // Delivery reports arrive even after a stop: librdkafka retries up to its delivery timeout, then reports failure.
        await tally.Completion.ConfigureAwait(false);
        await ledger.CompleteAsync().ConfigureAwait(false);
        var elapsed = clock.GetElapsedTime(started);
        if (ledger.Problem is { } ledgerProblem)
            context.Output.Write(LogStream.System, $"could not record every delivery ({ledgerProblem}); a rerun sends those again under the same ids, which receivers' inboxes drop");

        foreach (var (index, reason) in tally.Failures.Take(ErrorLinesKept))
            context.Output.Write(LogStream.System, $"message {index + 1} (key {messages[index].Key ?? "none"}, {MessageHeaders.CorrelationId} {messages[index].Header(MessageHeaders.CorrelationId)}) not delivered: {reason}");
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"delivered {tally.Delivered} of {messages.Count} to {action.Topic} in {elapsed.TotalSeconds:0.00} s");
        if (skipped > 0) summary += $" ({skipped} of them by an earlier run of {key.Occasion})";
        if (tally.Failed > 0) summary += $"; {tally.Failed} failed, first: {tally.Failures.First().Reason}";
        if (sent < messages.Count) summary += $"; {messages.Count - sent} not sent (stopped)";
        context.Output.Write(LogStream.System, summary);
        return new ActionOutcome(tally.Delivered == messages.Count, summary);
    }

    private async Task<(IReadOnlyList<OutgoingMessage>?, string?)> BuildAsync(KafkaPublishAction action, EffectKey key, ActionContext context, CancellationToken cancellationToken)
    {
        if (action.Source is TemplateMessages template) return MessageBatch.FromTemplate(action, key, template, context.Variables);
        var command = ((CommandMessages)action.Source).Command;
        var captured = new StdoutCapture(context.Output);
        var outcome = await commands.ExecuteAsync(context with { Job = context.Job with { Action = command }, Output = captured }, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded) return (null, $"the message command failed: {outcome.Detail}");
        return MessageBatch.FromJsonLines(action, key, captured.Lines, context.Variables);
    }

    private static ActionOutcome Fail(ActionContext context, string detail)
    {
        context.Output.Write(LogStream.System, detail);
        return new ActionOutcome(false, detail);
    }

    /// <summary>Keeps a command's standard output as message lines; its errors still go to the run's log.</summary>
    private sealed class StdoutCapture(IRunOutput log) : IRunOutput
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get { lock (_lines) return _lines.ToArray(); }
        }

        public void Write(LogStream stream, string line)
        {
            if (stream == LogStream.Stdout) { lock (_lines) _lines.Add(line); }
            else log.Write(stream, line);
        }
    }

    /// <summary>Counts delivery reports, which arrive on librdkafka's thread, and completes when all sent are reported.</summary>
    private sealed class DeliveryTally(int total)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Index, string Reason)> _failures = [];
        private int _delivered;
        private int _reported;
        private int _sent = -1;

        public int Delivered => Volatile.Read(ref _delivered);

        public int Failed { get { lock (_failures) return _failures.Count; } }

        public IEnumerable<(int Index, string Reason)> Failures { get { lock (_failures) return _failures.OrderBy(f => f.Index).ToArray(); } }

        public Task Completion => _done.Task;

        public void Record(int index, Error error, PersistenceStatus status)
        {
            if (!error.IsError && status == PersistenceStatus.Persisted) Interlocked.Increment(ref _delivered);
            else lock (_failures) _failures.Add((index, error.IsError ? $"{error.Reason} ({error.Code})" : $"not acknowledged ({status})"));
            Interlocked.Increment(ref _reported);
            CompleteIfDone();
        }

        public void Sent(int count)
        {
            Debug.Assert(count <= total);
            Volatile.Write(ref _sent, count);
            CompleteIfDone();
        }

        private void CompleteIfDone()
        {
            var sent = Volatile.Read(ref _sent);
            if (sent >= 0 && Volatile.Read(ref _reported) >= sent) _done.TrySetResult();
        }
    }
}
