using System.Globalization;
using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Schedules;
using Kairos.Definitions;

namespace Kairos.Server.Api;

/// <summary>Domain and store types to the wire contract.</summary>
internal static class Dtos
{
    public static RunDto ToDto(this Run r) => new(
        r.Id, r.JobId, r.SlotTime, r.Trigger.ToString().ToLowerInvariant(),
        BusinessDates.ToText(r.BusinessDate), r.State.ToWire(), r.SkipReason?.ToWire(), r.Detail,
        r.Attempt, r.DueAt, r.StartedAt, r.FinishedAt, r.ExitCode, r.HttpStatus, r.Node, r.RerunOf, r.RequestedBy,
        r.SlotTime is { } slot && r.StartedAt is { } started ? Math.Round((started - slot).TotalMilliseconds, 1) : null);

    public static JobDto ToDto(this JobRecord record, Job? job)
    {
        var definition = JobJson.Deserialize(record.DefinitionJson);
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
        var days = s.Rule.Kind != DayRuleKind.EveryDay ? ApiText.Get("Schedule.Rule", s.Rule, s.CalendarId!) : s.CalendarId is null ? "" : ApiText.Get("Schedule.BusinessDates", s.CalendarId);
        var window = s.Window is null ? "" : ApiText.Get("Schedule.Window", s.Window);
        return $"{s.Cron} ({s.Zone.Id}){days}{window}";
    }

    private static string ActionKind(JobDefinition d) =>
        d.Action?.Command is not null ? "command" : d.Action?.Http is not null ? "http" : d.Action?.KafkaPublish is not null ? "kafkaPublish" : "noop";

    public static LogLineDto ToDto(this LogLine l) => new(l.Seq, l.Attempt, l.Stream.ToString().ToLowerInvariant(), l.At, l.Text);

    public static RunEventDto ToDto(this RunEvent e) => new(e.At, e.From?.ToWire(), e.To.ToWire(), e.Attempt, e.Detail);
}
