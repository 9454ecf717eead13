namespace Kairos.Definitions;

/// <summary>One problem in a job definition: where it is (file and line when it came from a file) and what is wrong.</summary>
public sealed record JobDefinitionError(string? File, int? Line, string Field, string Message)
{
    public override string ToString()
    {
        var where = File is null ? "" : Line is { } line ? $"{File}:{line}: " : $"{File}: ";
        return string.IsNullOrEmpty(Field) ? $"{where}{Message}" : $"{where}{Field}: {Message}";
    }
}
