using Kairos.Core.Jobs;

namespace Kairos.Store.Sql;

/// <summary>The domain's <see cref="JobSpec"/> to the stored <see cref="JobDocument"/> and back, field by field.</summary>
internal static class JobDocumentMapping
{
    public static JobDocument ToDocument(JobSpec s) => new()
    {
        Id = s.Id,
        Description = s.Description,
        Owner = s.Owner,
        Tags = s.Tags?.ToList(),
        Schedule = s.Schedule is { } c ? new ScheduleDocument
        {
            Cron = c.Cron, TimeZone = c.TimeZone, Calendar = c.Calendar, Days = c.Days, N = c.N, OnHoliday = c.OnHoliday,
            Window = c.Window is { } w ? new WindowDocument { Start = w.Start, End = w.End } : null,
            BusinessDate = c.BusinessDate is { } b ? new BusinessDateDocument { NewDayAt = b.NewDayAt, ClosedDays = b.ClosedDays } : null,
        } : null,
        Trigger = s.Trigger is { } t ? new TriggerDocument { Topic = t.Topic, Key = t.Key, Headers = Copy(t.Headers) } : null,
        Action = s.Action is { } a ? new ActionDocument
        {
            Command = ToDocument(a.Command),
            Http = a.Http is { } h ? new HttpDocument { Method = h.Method, Url = h.Url, Headers = Copy(h.Headers), Body = h.Body, SuccessStatus = h.SuccessStatus?.ToList() } : null,
            KafkaPublish = a.KafkaPublish is { } k ? new KafkaPublishDocument
            {
                Topic = k.Topic, Partner = k.Partner, Template = k.Template, Over = k.Over?.ToList(),
                Items = k.Items?.Select(i => Copy(i)!).ToList(), FromCommand = ToDocument(k.FromCommand), Key = k.Key, Headers = Copy(k.Headers),
            } : null,
            Noop = a.Noop,
            SetCondition = a.SetCondition is { } sc ? new SetConditionDocument { Name = sc.Name } : null,
        } : null,
        Timeout = s.Timeout,
        Retries = s.Retries is { } r ? new RetryDocument { Count = r.Count, Backoff = r.Backoff, MaxBackoff = r.MaxBackoff } : null,
        Overlap = s.Overlap,
        Misfire = s.Misfire is { } m ? new MisfireDocument { Policy = m.Policy, CatchupWindow = m.CatchupWindow } : null,
        Sla = s.Sla is { } l ? new SlaDocument { StartWithin = l.StartWithin, FinishBy = l.FinishBy, MaxDuration = l.MaxDuration } : null,
        Held = s.Held,
        After = s.After?.Select(e => new AfterDocument { Job = e.Job, Condition = e.Condition, State = e.State, BusinessDate = e.BusinessDate, IfClosed = e.IfClosed }).ToList(),
        WaitUntil = s.WaitUntil,
        Flow = s.Flow is { } f ? new FlowPartDocument { Name = f.Name, Description = f.Description, OnFailure = f.OnFailure, FinishBy = f.FinishBy, Order = f.Order } : null,
    };

    public static JobSpec ToSpec(JobDocument d) => new()
    {
        Id = d.Id,
        Description = d.Description,
        Owner = d.Owner,
        Tags = d.Tags,
        Schedule = d.Schedule is { } c ? new ScheduleSpec(c.Cron, c.TimeZone, c.Calendar, c.Days, c.N, c.OnHoliday,
            c.Window is { } w ? new WindowSpec(w.Start, w.End) : null,
            c.BusinessDate is { } b ? new BusinessDateSpec(b.NewDayAt, b.ClosedDays) : null) : null,
        Trigger = d.Trigger is { } t ? new TriggerSpec(t.Topic, t.Key, t.Headers) : null,
        Action = d.Action is { } a ? new ActionSpec(
            ToSpec(a.Command),
            a.Http is { } h ? new HttpSpec(h.Method, h.Url, h.Headers, h.Body, h.SuccessStatus) : null,
            a.KafkaPublish is { } k ? new KafkaPublishSpec(k.Topic, k.Partner, k.Template, k.Over,
                k.Items?.Select(i => (IReadOnlyDictionary<string, string>)i).ToList(), ToSpec(k.FromCommand), k.Key, k.Headers) : null,
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

    private static CommandDocument? ToDocument(CommandSpec? c) => c is null ? null : new CommandDocument
    {
        Argv = c.Argv?.ToList(), WorkingDirectory = c.WorkingDirectory, Env = Copy(c.Env), Shell = c.Shell, KillGrace = c.KillGrace,
    };

    private static CommandSpec? ToSpec(CommandDocument? c) => c is null ? null : new CommandSpec(c.Argv, c.WorkingDirectory, c.Env, c.Shell, c.KillGrace);

    private static Dictionary<string, string>? Copy(IReadOnlyDictionary<string, string>? values) =>
        values?.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}
