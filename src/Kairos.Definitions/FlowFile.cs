using Kairos.Client.Contracts;

namespace Kairos.Definitions;

/// <summary>
/// Turns a flow document into its steps, each a job definition ready for the job validator: the flow's name and policies
/// written into every step, the flow's schedule into the roots (the steps after no other step of the flow on the same
/// business date), the flow's owner into steps without one. What a step's validation says about a field the flow
/// gave it is reported at the flow's field, once.
/// </summary>
public static class FlowFile
{
    public sealed record Step(JobDefinition Definition, string Prefix);

    /// <summary>The steps, and the problems of the flow document itself (its fields are the document's paths).</summary>
    public static (IReadOnlyList<Step> Steps, IReadOnlyList<(string Field, string Message)> Errors) Expand(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(flow.Flow)) errors.Add(("flow", DefinitionText.Get("required")));
        var given = flow.Steps ?? [];
        if (given.Count == 0) { errors.Add(("steps", DefinitionText.Get("flow.steps.required"))); return ([], errors); }
        if (given.Count > JobLimits.FlowSteps) { errors.Add(("steps", DefinitionText.Get("flow.steps.tooMany", given.Count, JobLimits.FlowSteps))); return ([], errors); }

        var ids = given.Where(s => s?.Id is not null).Select(s => s!.Id!).ToHashSet(StringComparer.Ordinal);
        var steps = new List<Step>();
        for (var i = 0; i < given.Count; i++)
        {
            var prefix = $"steps[{i}]";
            if (given[i] is not { } step) { errors.Add((prefix, DefinitionText.Get("yaml.empty"))); continue; }
            if (step.Schedule is not null) errors.Add(($"{prefix}.schedule", DefinitionText.Get("flow.step.schedule")));
            if (step.Flow is not null) errors.Add(($"{prefix}.flow", DefinitionText.Get("flow.step.flowSet")));
            var isRoot = !(step.After ?? []).Any(a => a?.Job is { } upstream && ids.Contains(upstream) && a.BusinessDate is null or "same");
            step.Schedule = isRoot ? flow.Schedule : null;
            step.Owner ??= flow.Owner;
            step.Flow = new FlowPartDefinition { Name = flow.Flow, Description = flow.Description, OnFailure = flow.OnFailure, FinishBy = flow.FinishBy, Order = i };
            steps.Add(new Step(step, prefix));
        }
        return (steps, errors);
    }

    /// <summary>
    /// Where a step's problem belongs in the flow document: a field the flow gave the step (schedule, flow policies)
    /// is the flow's; anything else is the step's own, under its prefix.
    /// </summary>
    public static string FieldOf(Step step, string field)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(field);
        if (field == "schedule" || field.StartsWith("schedule.", StringComparison.Ordinal)) return field;
        if (field.StartsWith("flow.", StringComparison.Ordinal))
            return field["flow.".Length..] switch { "name" => "flow", "order" => step.Prefix, var rest => rest };
        return $"{step.Prefix}.{field}";
    }
}
