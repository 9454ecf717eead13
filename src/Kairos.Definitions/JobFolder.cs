using Kairos.Calendars;

namespace Kairos.Definitions;

/// <summary>Loads every <c>*.yaml</c> and <c>*.yml</c> under a folder. A bad file or document never stops the others.</summary>
public static class JobFolder
{
    public sealed record Result(IReadOnlyList<LoadedJob> Jobs, IReadOnlyList<JobDefinitionError> Errors);

    public static Result Load(string path, ICalendarSource calendars)
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

        var jobs = new List<LoadedJob>();
        var errors = new List<JobDefinitionError>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
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
                var (job, problems) = validator.Validate(document.Definition!, Path.GetDirectoryName(file));
                errors.AddRange(problems.Select(p => new JobDefinitionError(shown, YamlJobFile.LineOf(document, p.Field), p.Field, p.Message)));
                if (job is null || document.UnknownFields.Count > 0) continue;
                var source = $"{shown}:{document.StartLine}";
                if (seen.TryGetValue(job.Id, out var first))
                {
                    errors.Add(new JobDefinitionError(shown, YamlJobFile.LineOf(document, "id"), "id", DefinitionText.Get("id.duplicate", job.Id, first)));
                    continue;
                }
                seen[job.Id] = source;
                jobs.Add(new LoadedJob(job, document.Definition!, source));
            }
        }
        return new Result(jobs, errors);
    }
}
