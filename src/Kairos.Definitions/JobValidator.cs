using System.Text.RegularExpressions;
using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Dependencies;
using Kairos.Core.Jobs;
using Kairos.Core.Schedules;
using Kairos.Core.Triggers;
using Kairos.Cron;

namespace Kairos.Definitions;

/// <summary>
/// Turns a <see cref="JobDefinition"/> into a <see cref="Job"/>, collecting every problem rather than stopping at the
/// first. Field names are the schema's dotted paths (<c>schedule.cron</c>, <c>action.command.argv</c>).
/// With <paramref name="inspectFiles"/> false, a command's program and working folder are not looked up: whether a
/// path exists on this machine is then neither checked nor revealed (for callers who may not see the file system).
/// </summary>
public sealed partial class JobValidator(ICalendarSource calendars, bool inspectFiles = true)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    public (Job? Job, IReadOnlyList<(string Field, string Message)> Errors) Validate(JobDefinition definition, string? baseFolder = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<(string, string)>();
        void Error(string field, string message) => errors.Add((field, message));

        if (string.IsNullOrWhiteSpace(definition.Id)) Error("id", DefinitionText.Get("required"));
        else if (!IdPattern().IsMatch(definition.Id)) Error("id", DefinitionText.Get("id.pattern", definition.Id));

        var schedule = definition.Schedule is null ? null : ValidateSchedule(definition.Schedule, Error);
        var trigger = definition.Trigger is null ? null : ValidateTrigger(definition.Trigger, Error);
        var action = ValidateAction(definition.Action, baseFolder, trigger is not null, Error);
        var timeout = ParseDuration(definition.Timeout, "timeout", DefaultTimeout, JobLimits.Timeout, Error);
        if (timeout <= TimeSpan.Zero) Error("timeout", DefinitionText.Get("aboveZero"));
        var retry = ValidateRetry(definition.Retries, Error);
        var overlap = ParseChoice(definition.Overlap, "overlap", OverlapPolicy.Forbid, Error);
        var misfire = ValidateMisfire(definition.Misfire, Error);
        var sla = ValidateSla(definition.Sla, Error);
        ValidateSecretReferences(definition, Error);
        CheckText(definition.Description, "description", JobLimits.DescriptionLength, Error);
        CheckText(definition.Owner, "owner", JobLimits.OwnerLength, Error);
        CheckLabels(definition.Tags, Error);
        var (after, waitUntil) = ValidateDependencies(definition, Error);
        var flow = ValidateFlowPart(definition.Flow, Error);

        if (errors.Count > 0) return (null, errors);
        var job = new Job(definition.Id!, schedule, action!, timeout, retry, overlap, misfire,
            definition.Description, definition.Owner, definition.Tags ?? [], definition.Held ?? false, sla, trigger, after, waitUntil, flow);
        return (job, errors);
    }

    private Schedule? ValidateSchedule(ScheduleDefinition s, Action<string, string> error)
    {
        CronExpression? cron = null;
        if (string.IsNullOrWhiteSpace(s.Cron)) error("schedule.cron", DefinitionText.Get("schedule.cron.required"));
        else if (!CronExpression.TryParse(s.Cron, out cron, out var cronError)) error("schedule.cron", cronError!);

        TimeZoneInfo? zone = null;
        var zoneId = s.TimeZone ?? Schedule.DefaultTimeZone;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId); }
        catch (TimeZoneNotFoundException) { error("schedule.timeZone", DefinitionText.Get("schedule.timeZone.unknown", zoneId)); }

        if (s.Calendar is { } calendarId && calendars.Find(calendarId) is null)
            error("schedule.calendar", DefinitionText.Get("schedule.calendar.unknown", calendarId, string.Join(", ", calendars.Ids.Order())));

        var days = ValidateDayRule(s, error);

        TimeWindow? window = null;
        if (s.Window is { } w)
        {
            var start = ParseTime(w.Start, "schedule.window.start", error);
            var end = ParseTime(w.End, "schedule.window.end", error);
            if (start is { } a && end is { } b)
            {
                if (a == b) error("schedule.window", DefinitionText.Get("schedule.window.same"));
                else window = new TimeWindow(a, b);
            }
        }
        var dateRule = s.BusinessDate is { } rule ? ValidateBusinessDate(rule, error) : null;
        return cron is null || zone is null ? null : new Schedule(cron, zone, s.Calendar is null ? null : calendars.Find(s.Calendar)?.Id, days, window, dateRule);
    }

    private static BusinessDateRule ValidateBusinessDate(BusinessDateDefinition b, Action<string, string> error)
    {
        var newDayAt = b.NewDayAt is null ? TimeOnly.MinValue : ParseTime(b.NewDayAt, "schedule.businessDate.newDayAt", error) ?? TimeOnly.MinValue;
        var closedDays = ParseChoice(b.ClosedDays, "schedule.businessDate.closedDays", ClosedDayBooking.NextBusinessDay, error);
        return new BusinessDateRule(newDayAt, closedDays);
    }

    private static DayRule ValidateDayRule(ScheduleDefinition s, Action<string, string> error)
    {
        var kind = ParseChoice(s.Days, "schedule.days", DayRuleChoice.EveryDay, error);
        var shift = ParseChoice(s.OnHoliday, "schedule.onHoliday", HolidayShift.Skip, error);
        if (kind != DayRuleChoice.EveryDay && s.Calendar is null) error("schedule.days", DefinitionText.Get("schedule.days.needsCalendar", Kebab(kind.ToString())));
        if (s.OnHoliday is not null && kind != DayRuleChoice.BusinessDays) error("schedule.onHoliday", DefinitionText.Get("schedule.onHoliday.onlyBusinessDays"));
        var needsN = kind is DayRuleChoice.NthBusinessDay or DayRuleChoice.BusinessDaysBeforeMonthEnd;
        if (!needsN && s.N is not null) error("schedule.n", DefinitionText.Get("schedule.n.notApplicable"));
        if (needsN && s.N is null) error("schedule.n", DefinitionText.Get("schedule.n.required", Kebab(kind.ToString())));
        if (kind == DayRuleChoice.NthBusinessDay && s.N is { } n && (n == 0 || Math.Abs(n) > 23))
            error("schedule.n", DefinitionText.Get("schedule.n.nth", n));
        if (kind == DayRuleChoice.BusinessDaysBeforeMonthEnd && s.N is { } before && before is < 0 or > 22)
            error("schedule.n", DefinitionText.Get("schedule.n.before", before));
        return kind switch
        {
            DayRuleChoice.BusinessDays => DayRule.Shifted(shift),
            DayRuleChoice.NthBusinessDay when s.N is { } nth && nth != 0 => DayRule.NthBusinessDay(nth),
            DayRuleChoice.LastBusinessDay => DayRule.LastBusinessDay,
            DayRuleChoice.BusinessDaysBeforeMonthEnd when s.N is { } daysBefore && daysBefore >= 0 => DayRule.BusinessDaysBeforeMonthEnd(daysBefore),
            _ => DayRule.EveryDay,
        };
    }

    private enum DayRuleChoice { EveryDay, BusinessDays, NthBusinessDay, LastBusinessDay, BusinessDaysBeforeMonthEnd }

    private JobAction? ValidateAction(ActionDefinition? a, string? baseFolder, bool triggered, Action<string, string> error)
    {
        if (a is null) { error("action", DefinitionText.Get("action.required")); return null; }
        var kinds = (a.Command is null ? 0 : 1) + (a.Http is null ? 0 : 1) + (a.KafkaPublish is null ? 0 : 1) + (a.Noop == true ? 1 : 0)
            + (a.SetCondition is null ? 0 : 1);
        if (kinds != 1) { error("action", DefinitionText.Get("action.exactlyOne", kinds)); return null; }
        if (a.Noop == true) return new NoopAction();
        if (a.SetCondition is { } set)
        {
            if (ConditionName.IsValid(set.Name)) return new SetConditionAction(set.Name!);
            error("action.setCondition.name", DefinitionText.Get("after.condition.pattern", set.Name));
            return null;
        }
        if (a.Command is { } c) return ValidateCommand(c, "action.command", baseFolder, error);
        if (a.KafkaPublish is { } k) return ValidateKafkaPublish(k, baseFolder, triggered, error);
        var h = a.Http!;
        var method = (h.Method ?? "GET").ToUpperInvariant();
        if (method is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD")) error("action.http.method", DefinitionText.Get("action.http.method", h.Method));
        if (!Uri.TryCreate(h.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            error("action.http.url", DefinitionText.Get("action.http.url", h.Url));
            return null;
        }
        if (h.SuccessStatus?.FirstOrDefault(code => code is < 100 or > 599) is { } bad and not 0) error("action.http.successStatus", DefinitionText.Get("action.http.successStatus", bad));
        return new HttpAction(method, url, h.Headers ?? [], h.Body, h.SuccessStatus ?? []);
    }

    private static EventTrigger? ValidateTrigger(TriggerDefinition t, Action<string, string> error)
    {
        CheckTopic(t.Topic, "trigger.topic", error);
        if (t.Key is { Length: 0 }) error("trigger.key", DefinitionText.Get("trigger.key.empty"));
        foreach (var (name, pattern) in t.Headers ?? [])
            if (string.IsNullOrEmpty(pattern)) error($"trigger.headers.{name}", DefinitionText.Get("trigger.header.empty"));
        return t.Topic is null ? null : new EventTrigger(t.Topic, t.Key, t.Headers ?? []);
    }

    private CommandAction? ValidateCommand(CommandDefinition c, string field, string? baseFolder, Action<string, string> error)
    {
        if (c.Argv is not { Count: > 0 } || c.Argv.Any(string.IsNullOrEmpty)) { error($"{field}.argv", DefinitionText.Get("command.argv.empty")); return null; }
        var grace = ParseDuration(c.KillGrace, $"{field}.killGrace", TimeSpan.FromSeconds(10), JobLimits.KillGrace, error);
        var folder = c.WorkingDirectory is null ? baseFolder : Path.GetFullPath(c.WorkingDirectory, baseFolder ?? Environment.CurrentDirectory);
        if (inspectFiles && folder is not null && !Directory.Exists(folder)) error($"{field}.workingDirectory", DefinitionText.Get("command.workingDirectory.missing", folder));
        if (inspectFiles && c.Shell != true && !ProgramLocator.Exists(c.Argv[0], folder))
            error($"{field}.argv", DefinitionText.Get("command.argv.notFound", c.Argv[0]));
        return new CommandAction(c.Argv, folder, c.Env ?? [], c.Shell ?? false, grace);
    }

    private static RetryPolicy ValidateRetry(RetryDefinition? r, Action<string, string> error)
    {
        if (r is null) return RetryPolicy.None;
        var count = r.Count ?? 0;
        if (count is < 0 or > JobLimits.RetryCount) error("retries.count", DefinitionText.Get("retries.count.range", count));
        var backoff = ParseDuration(r.Backoff, "retries.backoff", TimeSpan.FromSeconds(10), JobLimits.Backoff, error);
        var max = ParseDuration(r.MaxBackoff, "retries.maxBackoff", TimeSpan.FromMinutes(10), JobLimits.Backoff, error);
        if (max < backoff) error("retries.maxBackoff", DefinitionText.Get("retries.maxBackoff.short"));
        return new RetryPolicy(count, backoff, max);
    }

    private static Sla? ValidateSla(SlaDefinition? s, Action<string, string> error)
    {
        if (s is null) return null;
        TimeSpan? Positive(string? text, string field)
        {
            if (text is null) return null;
            var value = ParseDuration(text, field, TimeSpan.Zero, JobLimits.SlaDuration, error);
            if (value <= TimeSpan.Zero && Durations.TryParse(text, out var parsed) && parsed <= JobLimits.SlaDuration) error(field, DefinitionText.Get("aboveZero"));
            return value;
        }
        var sla = new Sla(Positive(s.StartWithin, "sla.startWithin"), s.FinishBy is null ? null : ParseTime(s.FinishBy, "sla.finishBy", error), Positive(s.MaxDuration, "sla.maxDuration"));
        if (s.StartWithin is null && s.FinishBy is null && s.MaxDuration is null) error("sla", DefinitionText.Get("sla.empty"));
        return sla;
    }

    private static MisfirePolicy ValidateMisfire(MisfireDefinition? m, Action<string, string> error)
    {
        if (m is null) return MisfirePolicy.Default;
        var mode = ParseChoice(m.Policy, "misfire.policy", MisfireMode.RunOnce, error);
        var window = ParseDuration(m.CatchupWindow, "misfire.catchupWindow", MisfirePolicy.Default.CatchupWindow, JobLimits.CatchupWindow, error);
        return new MisfirePolicy(mode, window);
    }

    private static TimeOnly? ParseTime(string? text, string field, Action<string, string> error)
    {
        if (TimeOnly.TryParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)) return t;
        error(field, DefinitionText.Get("time.invalid", text));
        return null;
    }

    /// <summary>Parses kebab-case names of an enum (<c>run-once</c> → RunOnce).</summary>
    internal static T ParseChoice<T>(string? text, string field, T fallback, Action<string, string> error) where T : struct, Enum
    {
        if (text is null) return fallback;
        if (Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && !int.TryParse(text, out _)) return value;
        error(field, DefinitionText.Get("choice.invalid", text, string.Join(", ", Enum.GetNames<T>().Select(Kebab))));
        return fallback;
    }

    internal static string Kebab(string name) => string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex IdPattern();
}
