using System.Globalization;
using Kairos.Client.Contracts;
using Kairos.Core.Dependencies;

namespace Kairos.Definitions;

// A job's after and waitUntil, each entry on its own: whether the upstreams exist and form no cycle depends on the other
// jobs, so JobFolder and DependencyRules judge that once every job is known.
public sealed partial class JobValidator
{
    private static (IReadOnlyList<Dependency>? After, WaitLimit? WaitUntil) ValidateDependencies(JobDefinition d, Action<string, string> error)
    {
        var after = ValidateAfter(d.After, d.Id, error);
        if (d.WaitUntil is null) return (after, null);
        if (d.After is not { Count: > 0 }) { error("waitUntil", DefinitionText.Get("waitUntil.needsAfter")); return (after, null); }
        return (after, ParseWaitLimit(d.WaitUntil, "waitUntil", error));
    }

    private static List<Dependency>? ValidateAfter(IReadOnlyList<AfterDefinition?>? entries, string? selfId, Action<string, string> error)
    {
        if (entries is not { Count: > 0 }) return null;
        if (entries.Count > JobLimits.AfterCount) { error("after", DefinitionText.Get("list.tooLong", entries.Count, JobLimits.AfterCount)); return null; }
        var dependencies = new List<Dependency>();
        var seen = new Dictionary<(bool IsJob, string Name, DependencyDate Date), int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var field = $"after[{i}]";
            if (ValidateAfterEntry(entries[i], field, selfId, error) is not { } dependency) continue;
            var key = dependency.JobId is { } job ? (true, job, dependency.Date) : (false, dependency.Condition!, dependency.Date);
            if (seen.TryGetValue(key, out var first))
                error(field + (key.Item1 ? ".job" : ".condition"), DefinitionText.Get("after.duplicate", key.Item2, $"after[{first}]"));
            else seen[key] = i;
            dependencies.Add(dependency);
        }
        return dependencies;
    }

    private static Dependency? ValidateAfterEntry(AfterDefinition? e, string field, string? selfId, Action<string, string> error)
    {
        if (e is null || (e.Job is null) == (e.Condition is null)) { error(field, DefinitionText.Get("after.exactlyOne")); return null; }
        var valid = true;
        if (e.Job is { } job)
        {
            if (!IdPattern().IsMatch(job)) { error($"{field}.job", DefinitionText.Get("id.pattern", job)); valid = false; }
            else if (job == selfId) { error($"{field}.job", DefinitionText.Get("after.self")); valid = false; }
        }
        if (e.Condition is { } condition && !ConditionName.IsValid(condition))
        {
            error($"{field}.condition", DefinitionText.Get("after.condition.pattern", condition));
            valid = false;
        }
        var state = ParseChoice(e.State, $"{field}.state", UpstreamState.Succeeded, error);
        var date = ParseChoice(e.BusinessDate, $"{field}.businessDate", DependencyDate.Same, error);
        var ifClosed = ParseChoice(e.IfClosed, $"{field}.ifClosed", ClosedUpstream.Previous, error);
        // A condition is set or not, and has no calendar: a state or closed-day rule on it would be silently meaningless.
        if (e.Condition is not null && e.State is not null) { error($"{field}.state", DefinitionText.Get("after.onlyJob")); valid = false; }
        if (e.Condition is not null && e.IfClosed is not null) { error($"{field}.ifClosed", DefinitionText.Get("after.onlyJob")); valid = false; }
        if (!valid) return null;
        return e.Job is { } upstream ? Dependency.OnJob(upstream, state, date, ifClosed) : Dependency.OnCondition(e.Condition!, date);
    }

    // "07:00" is a wall-clock time, never the seven-hour duration Durations would read it as: any text with a colon is a time.
    // Also a flow's finishBy, which has the same two forms.
    private static WaitLimit? ParseWaitLimit(string text, string field, Action<string, string> error)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return new WaitLimit(At: at);
            error(field, DefinitionText.Get("waitUntil.invalid", text));
            return null;
        }
        if (!Durations.TryParse(text, out _, out var overflow) && !overflow) { error(field, DefinitionText.Get("waitUntil.invalid", text)); return null; }
        var span = ParseDuration(text, field, TimeSpan.Zero, JobLimits.WaitUntil, error);
        if (span > TimeSpan.Zero) return new WaitLimit(For: span);
        if (Durations.TryParse(text, out var parsed) && parsed <= JobLimits.WaitUntil) error(field, DefinitionText.Get("aboveZero"));
        return null;
    }
}
