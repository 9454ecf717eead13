namespace Kairos.Definitions;

/// <summary>One problem in a definition file (a job YAML, a business-day CSV): where it is (file and line) and what is wrong.</summary>
public sealed record JobDefinitionError(string? File, int? Line, string Field, string Message)
{
    public override string ToString()
    {
        var where = File is null ? "" : Line is { } line ? $"{File}:{line}: " : $"{File}: ";
        return string.IsNullOrEmpty(Field) ? $"{where}{Message}" : $"{where}{Field}: {Message}";
    }
}
