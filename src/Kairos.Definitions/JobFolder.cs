using Kairos.Calendars;
using Kairos.Core.Dependencies;

namespace Kairos.Definitions;

/// <summary>
/// Loads every <c>*.yaml</c> and <c>*.yml</c> under a folder: jobs, and flows (whose steps load as jobs). A bad file or
/// document never stops the others; a flow loads whole or not at all, since half a flow would run half a chain.
/// </summary>
public static class JobFolder
{
    public sealed record Result(IReadOnlyList<LoadedJob> Jobs, IReadOnlyList<JobDefinitionError> Errors);

    // A job that passed its own validation, held back until the whole folder is read: its after may name any other job.
    // A flow's step has the flow's document, its place in it (steps[i]) and the flow's key, shared by its siblings.
    private sealed record Candidate(LoadedJob Loaded, YamlJobFile.Document Document, string File, string Prefix = "", string? FlowKey = null);

    /// <summary>
    /// Loads the jobs under <paramref name="path"/>. An <c>after.job</c> must name a job in the folder or one
    /// <paramref name="knownElsewhere"/> knows (such as a job defined through the API); without it, only the folder counts.
    /// Jobs that wait for each other in a cycle are each refused, at the line of their <c>after</c>.
    /// </summary>
    public static Result Load(string path, ICalendarSource calendars, Func<string, bool>? knownElsewhere = null)
    {
        var validator = new JobValidator(calendars);
        var files = File.Exists(path)
            ? [Path.GetFullPath(path)]
            : Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToArray()
                : null;
        if (files is null) return new Result([], [new JobDefinitionError(path, null, "", DefinitionText.Get("folder.missing"))]);

        var candidates = new List<Candidate>();
        var errors = new List<JobDefinitionError>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var flows = new Dictionary<string, string>(StringComparer.Ordinal);
        // Every id written in the folder, valid or not: a job whose upstream's file is broken is told about that file, not that the job is missing.
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var shown = Path.GetRelativePath(Environment.CurrentDirectory, file);
            string text;
            // Measured before it is read: a huge file must not be loaded into memory only to be refused.
            if (new FileInfo(file).Length > YamlLimits.MaxChars) { errors.Add(new JobDefinitionError(shown, null, "", DefinitionText.Get("yaml.tooLarge", YamlLimits.MaxChars))); continue; }
            try { text = File.ReadAllText(file); }
            catch (IOException e) { errors.Add(new JobDefinitionError(shown, null, "", DefinitionText.Get("file.unreadable", e.Message))); continue; }
            foreach (var document in YamlJobFile.Parse(text, shown))
            {
                errors.AddRange(document.UnknownFields);
                if (document.Error is { } parseError) { errors.Add(parseError); continue; }
                if (document.Flow is { } flow)
                {
                    LoadFlow(flow, document, file, shown, validator, seen, flows, defined, candidates, errors);
                    continue;
                }
                if (document.Definition!.Id is { } id) defined.Add(id);
                var (job, problems) = validator.Validate(document.Definition!, Path.GetDirectoryName(file));
                errors.AddRange(problems.Select(p => new JobDefinitionError(shown, YamlJobFile.LineOf(document, p.Field), p.Field, p.Message)));
                if (document.Definition!.Flow is not null) { errors.Add(new JobDefinitionError(shown, YamlJobFile.LineOf(document, "flow"), "flow", DefinitionText.Get("flow.jobFlowSet"))); continue; }
                if (job is null || document.UnknownFields.Count > 0) continue;
                var candidate = new Candidate(new LoadedJob(job, document.Definition!, $"{shown}:{document.StartLine}"), document, shown);
                if (Claim(candidate, seen, errors)) candidates.Add(candidate);
            }
        }
        var refused = CheckDependencies(candidates, id => defined.Contains(id) || knownElsewhere?.Invoke(id) == true, errors);
        // A flow with one step refused is refused whole.
        var brokenFlows = refused.Where(c => c.FlowKey is not null).Select(c => c.FlowKey!).ToHashSet(StringComparer.Ordinal);
        return new Result(candidates.Where(c => !refused.Contains(c) && (c.FlowKey is null || !brokenFlows.Contains(c.FlowKey))).Select(c => c.Loaded).ToList(), errors);
    }

    // A job id is taken once in the folder; the second is refused, naming where the first is.
    private static bool Claim(Candidate candidate, Dictionary<string, string> seen, List<JobDefinitionError> errors)
    {
        var id = candidate.Loaded.Job.Id;
        if (seen.TryGetValue(id, out var first))
        {
            errors.Add(Error(candidate, "id", DefinitionText.Get("id.duplicate", id, first)));
            return false;
        }
        seen[id] = candidate.Loaded.Source;
        return true;
    }

    private static void LoadFlow(Kairos.Client.Contracts.FlowDefinition flow, YamlJobFile.Document document, string file, string shown, JobValidator validator,
        Dictionary<string, string> seen, Dictionary<string, string> flows, HashSet<string> defined, List<Candidate> candidates, List<JobDefinitionError> errors)
    {
        var found = new List<JobDefinitionError>();
        void Report(string field, string message)
        {
            // A problem of a field the flow gave every step (its schedule, policies) is reported once, not once per step.
            if (!found.Any(e => e.Field == field && e.Message == message)) found.Add(new JobDefinitionError(shown, YamlJobFile.LineOf(document, field), field, message));
        }
        var key = $"{shown}:{document.StartLine}";
        if (flow.Flow is { } name && !flows.TryAdd(name, key)) Report("flow", DefinitionText.Get("flow.duplicate", name, flows[name]));
        var (steps, flowErrors) = FlowFile.Expand(flow);
        foreach (var (field, message) in flowErrors) Report(field, message);
        var loaded = new List<Candidate>();
        foreach (var step in steps)
        {
            if (step.Definition.Id is { } id) defined.Add(id);
            var (job, problems) = validator.Validate(step.Definition, Path.GetDirectoryName(file));
            foreach (var (field, message) in problems) Report(FlowFile.FieldOf(step, field), message);
            if (job is null) continue;
            var candidate = new Candidate(new LoadedJob(job, step.Definition, $"{shown}:{YamlJobFile.LineOf(document, step.Prefix)}"), document, shown, step.Prefix, key);
            if (Claim(candidate, seen, found)) loaded.Add(candidate);
        }
        errors.AddRange(found);
        if (found.Count == 0 && document.UnknownFields.Count == 0) candidates.AddRange(loaded);
    }

    // Unknown upstreams, then cycles among the rest; returns the candidates that must not load.
    private static HashSet<Candidate> CheckDependencies(List<Candidate> candidates, Func<string, bool> exists, List<JobDefinitionError> errors)
    {
        var refused = new HashSet<Candidate>();
        foreach (var candidate in candidates)
            foreach (var (field, message) in DependencyRules.UnknownUpstreams(candidate.Loaded.Job, exists))
            {
                errors.Add(Error(candidate, field, message));
                refused.Add(candidate);
            }

        var byId = candidates.Where(c => c.Loaded.Job.HasDependencies).ToDictionary(c => c.Loaded.Job.Id, StringComparer.Ordinal);
        var graph = byId.ToDictionary(kv => kv.Key, kv => DependencyRules.Upstreams(kv.Value.Loaded.Job), StringComparer.Ordinal);
        // One cycle at a time, each job in it reported and taken out, until none is left: every cycle is named, not just the first.
        while (DependencyGraph.FindCycle(graph) is { } cycle)
        {
            var message = DependencyRules.CycleMessage(cycle);
            foreach (var id in cycle.Distinct(StringComparer.Ordinal))
            {
                errors.Add(Error(byId[id], "after", message));
                refused.Add(byId[id]);
                graph.Remove(id);
            }
        }
        return refused;
    }

    private static JobDefinitionError Error(Candidate candidate, string field, string message)
    {
        var path = candidate.Prefix.Length == 0 ? field : $"{candidate.Prefix}.{field}";
        return new(candidate.File, YamlJobFile.LineOf(candidate.Document, path), path, message);
    }
}
