using Kairos.Client.Contracts;
using Kairos.Core.Jobs;

namespace Kairos.Definitions;

/// <summary>
/// The job schema (<see cref="JobDefinition"/>, as the API and YAML files speak it) to the domain's
/// <see cref="JobSpec"/>, as the store keeps it, and back. A change to either side is a change here, field by field.
/// </summary>
public static class JobSpecMapping
{
    public static JobSpec ToSpec(this JobDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new JobSpec
        {
            Id = d.Id ?? throw new ArgumentException("A stored job needs an id.", nameof(d)),
            Description = d.Description,
            Owner = d.Owner,
            Tags = d.Tags?.ToList(),
            Schedule = d.Schedule is { } c ? new ScheduleSpec(c.Cron, c.TimeZone, c.Calendar, c.Days, c.N, c.OnHoliday,
                c.Window is { } w ? new WindowSpec(w.Start, w.End) : null,
                c.BusinessDate is { } b ? new BusinessDateSpec(b.NewDayAt, b.ClosedDays) : null) : null,
            Trigger = d.Trigger is { } t ? new TriggerSpec(t.Topic, t.Key, Copy(t.Headers)) : null,
            Action = d.Action is { } a ? new ActionSpec(
                ToSpec(a.Command),
                a.Http is { } h ? new HttpSpec(h.Method, h.Url, Copy(h.Headers), h.Body, h.SuccessStatus?.ToList()) : null,
                a.KafkaPublish is { } k ? new KafkaPublishSpec(k.Topic, k.Partner, k.Template, k.Over?.ToList(),
                    k.Items?.Select(i => (IReadOnlyDictionary<string, string>)Copy(i)!).ToList(), ToSpec(k.FromCommand), k.Key, Copy(k.Headers)) : null,
                a.Noop, a.SetCondition is { } sc ? new SetConditionSpec(sc.Name) : null) : null,
            Timeout = d.Timeout,
            Retries = d.Retries is { } r ? new RetrySpec(r.Count, r.Backoff, r.MaxBackoff) : null,
            Overlap = d.Overlap,
            Misfire = d.Misfire is { } m ? new MisfireSpec(m.Policy, m.CatchupWindow) : null,
            Sla = d.Sla is { } l ? new SlaSpec(l.StartWithin, l.FinishBy, l.MaxDuration) : null,
            Held = d.Held,
            After = d.After?.Select(e => new AfterSpec(e.Job, e.Condition, e.State, e.BusinessDate, e.IfClosed)).ToList(),
            WaitUntil = d.WaitUntil,
            Flow = d.Flow is { } f ? new FlowPartSpec(f.Name, f.Description, f.OnFailure, f.FinishBy, f.Order) : null,
        };
    }

    public static JobDefinition ToDefinition(this JobSpec s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new JobDefinition
        {
            Id = s.Id,
            Description = s.Description,
            Owner = s.Owner,
            Tags = s.Tags?.ToList(),
            Schedule = s.Schedule is { } c ? new ScheduleDefinition
            {
                Cron = c.Cron, TimeZone = c.TimeZone, Calendar = c.Calendar, Days = c.Days, N = c.N, OnHoliday = c.OnHoliday,
                Window = c.Window is { } w ? new WindowDefinition { Start = w.Start, End = w.End } : null,
                BusinessDate = c.BusinessDate is { } b ? new BusinessDateDefinition { NewDayAt = b.NewDayAt, ClosedDays = b.ClosedDays } : null,
            } : null,
            Trigger = s.Trigger is { } t ? new TriggerDefinition { Topic = t.Topic, Key = t.Key, Headers = Copy(t.Headers) } : null,
            Action = s.Action is { } a ? new ActionDefinition
            {
                Command = ToDefinition(a.Command),
                Http = a.Http is { } h ? new HttpDefinition { Method = h.Method, Url = h.Url, Headers = Copy(h.Headers), Body = h.Body, SuccessStatus = h.SuccessStatus?.ToList() } : null,
                KafkaPublish = a.KafkaPublish is { } k ? new KafkaPublishDefinition
                {
                    Topic = k.Topic, Partner = k.Partner, Template = k.Template, Over = k.Over?.ToList(),
                    Items = k.Items?.Select(i => Copy(i)!).ToList(), FromCommand = ToDefinition(k.FromCommand), Key = k.Key, Headers = Copy(k.Headers),
                } : null,
                Noop = a.Noop,
                SetCondition = a.SetCondition is { } sc ? new SetConditionDefinition { Name = sc.Name } : null,
            } : null,
            Timeout = s.Timeout,
            Retries = s.Retries is { } r ? new RetryDefinition { Count = r.Count, Backoff = r.Backoff, MaxBackoff = r.MaxBackoff } : null,
            Overlap = s.Overlap,
            Misfire = s.Misfire is { } m ? new MisfireDefinition { Policy = m.Policy, CatchupWindow = m.CatchupWindow } : null,
            Sla = s.Sla is { } l ? new SlaDefinition { StartWithin = l.StartWithin, FinishBy = l.FinishBy, MaxDuration = l.MaxDuration } : null,
            Held = s.Held,
            After = s.After?.Select(e => new AfterDefinition { Job = e.Job, Condition = e.Condition, State = e.State, BusinessDate = e.BusinessDate, IfClosed = e.IfClosed }).ToList(),
            WaitUntil = s.WaitUntil,
            Flow = s.Flow is { } f ? new FlowPartDefinition { Name = f.Name, Description = f.Description, OnFailure = f.OnFailure, FinishBy = f.FinishBy, Order = f.Order } : null,
        };
    }

    private static CommandSpec? ToSpec(CommandDefinition? c) =>
        c is null ? null : new CommandSpec(c.Argv?.ToList(), c.WorkingDirectory, Copy(c.Env), c.Shell, c.KillGrace);

    private static CommandDefinition? ToDefinition(CommandSpec? c) => c is null ? null : new CommandDefinition
    {
        Argv = c.Argv?.ToList(), WorkingDirectory = c.WorkingDirectory, Env = Copy(c.Env), Shell = c.Shell, KillGrace = c.KillGrace,
    };

    private static Dictionary<string, string>? Copy(IReadOnlyDictionary<string, string>? values) =>
        values?.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}
