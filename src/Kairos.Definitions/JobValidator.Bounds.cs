namespace Kairos.Definitions;

// Upper bounds on durations and free text; see JobLimits for why each exists.
public sealed partial class JobValidator
{
    private static TimeSpan ParseDuration(string? text, string field, TimeSpan fallback, TimeSpan longest, Action<string, string> error)
    {
        if (text is null) return fallback;
        if (!Durations.TryParse(text, out var value, out var overflow))
        {
            error(field, overflow ? TooLong(text, longest) : DefinitionText.Get("duration.invalid", text));
            return fallback;
        }
        if (value <= longest) return value;
        error(field, TooLong(text, longest));
        return fallback;
    }

    private static string TooLong(string text, TimeSpan longest) => DefinitionText.Get("duration.tooLong", text, Durations.Format(longest));

    private static void CheckText(string? text, string field, int longest, Action<string, string> error)
    {
        if (text is { Length: var length } && length > longest) error(field, DefinitionText.Get("text.tooLong", length, longest));
    }

    private static void CheckLabels(IReadOnlyList<string>? tags, Action<string, string> error)
    {
        if (tags is null) return;
        if (tags.Count > JobLimits.TagCount) error("tags", DefinitionText.Get("list.tooLong", tags.Count, JobLimits.TagCount));
        for (var i = 0; i < tags.Count && i < JobLimits.TagCount; i++) CheckText(tags[i], $"tags[{i}]", JobLimits.TagLength, error);
    }
}
