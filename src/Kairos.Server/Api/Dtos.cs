using System.Globalization;
using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;
using Kairos.Core.Secrets;
using Kairos.Definitions;
using Kairos.Server.Texts;

namespace Kairos.Server.Api;

/// <summary>Domain and store types to the wire contract.</summary>
internal static class Dtos
{
    public static RunDto ToDto(this Run r) => new(
        r.Id, r.JobId, r.SlotTime, r.Trigger.ToString().ToLowerInvariant(),
        BusinessDates.ToText(r.BusinessDate), r.State.ToWire(), r.SkipReason?.ToWire(), ReasonText.Detail(r.Detail),
        r.Attempt, r.DueAt, r.StartedAt, r.FinishedAt, r.ExitCode, r.HttpStatus, r.Node, r.RerunOf, r.RequestedBy,
        r.SlotTime is { } slot && r.StartedAt is { } started ? Math.Round((started - slot).TotalMilliseconds, 1) : null);

    /// <summary>The job as <paramref name="scope"/>'s caller may see it: the definition as stored for admins, credentials masked for the rest.</summary>
    public static JobDto ToDto(this JobRecord record, Job? job, ReadScope scope)
    {
        var stored = record.Definition.ToDefinition();
        var definition = scope.SeesCredentials ? stored : DefinitionRedaction.Redact(stored);
        return new JobDto(record.Id, definition.Description, definition.Owner, definition.Tags ?? [],
            When(job), ActionKind(definition), record.Held, record.HeldBy, record.HeldReason,
            record.Source, record.UpdatedAt, definition);
    }

    // The schedule in words, and the topic whose messages also run it; null when only people start it.
    private static string? When(Job? job)
    {
        var schedule = job?.Schedule is { } s ? Describe(s) : null;
        if (job?.Trigger is not { } trigger) return schedule;
        return schedule is null ? ApiText.Get("Schedule.OnMessages", trigger.Topic) : schedule + ApiText.Get("Schedule.AlsoOnMessages", trigger.Topic);
    }

    public static string Describe(Schedule s)
    {
        var days = s.Rule.Kind != DayRuleKind.EveryDay ? ApiText.Get("Schedule.Rule", ReasonText.Render(s.Rule.Describe()), s.CalendarId!) : s.CalendarId is null ? "" : ApiText.Get("Schedule.BusinessDates", s.CalendarId);
        var window = s.Window is null ? "" : ApiText.Get("Schedule.Window", s.Window);
        return $"{s.Cron} ({s.Zone.Id}){days}{window}";
    }

    private static string ActionKind(JobDefinition d) =>
        d.Action?.Command is not null ? "command" : d.Action?.Http is not null ? "http" : d.Action?.KafkaPublish is not null ? "kafkaPublish" : "noop";

    public static LogLineDto ToDto(this LogLine l) => new(l.Seq, l.Attempt, l.Stream.ToString().ToLowerInvariant(), l.At, l.Text);

    public static RunEventDto ToDto(this RunEvent e) => new(e.At, e.From?.ToWire(), e.To.ToWire(), e.Attempt, ReasonText.Detail(e.Detail));

    // Secrets a run resolved are masked when its output is written; these catch credentials written into the job or
    // printed by it, for callers who are not admins.
    public static RunDto ToDto(this Run r, ReadScope scope) => (scope.SeesCredentials || r.Detail is null ? r : r with { Detail = TextRedaction.Redact(ReasonText.Detail(r.Detail)) }).ToDto();

    public static LogLineDto ToDto(this LogLine l, ReadScope scope) => (scope.SeesCredentials ? l : l with { Text = TextRedaction.Redact(l.Text) }).ToDto();

    public static RunEventDto ToDto(this RunEvent e, ReadScope scope) => (scope.SeesCredentials || e.Detail is null ? e : e with { Detail = TextRedaction.Redact(ReasonText.Detail(e.Detail)) }).ToDto();
}
