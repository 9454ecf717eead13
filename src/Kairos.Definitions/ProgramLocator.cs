namespace Kairos.Definitions;

/// <summary>Finds a command's program the way the process start will: a path as given, otherwise on PATH.</summary>
public static class ProgramLocator
{
    public static bool Exists(string program, string? workingDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        if (program.Contains('/', StringComparison.Ordinal))
            return File.Exists(Path.GetFullPath(program, workingDirectory ?? Environment.CurrentDirectory));
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, program)));
    }
}
