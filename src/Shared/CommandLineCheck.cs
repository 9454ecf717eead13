namespace Kairos.Hosting;

/// <summary>
/// Reads a server or worker command line before anything starts: <c>--help</c> prints the usage and a flag that is
/// neither known nor a configuration key is refused, since configuration would otherwise ignore it without a word and
/// start a real server with defaults. Compiled into the server and the worker (linked), so both refuse alike.
/// </summary>
internal static class CommandLineCheck
{
    public const int Usage = 2;

    // Host settings ASP.NET Core reads from the command line besides section keys such as Kairos:… and Logging:….
    private static readonly HashSet<string> HostKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "environment", "applicationName", "contentRoot", "webroot", "http_ports", "https_ports",
    };

    /// <summary>Null to go on; otherwise the exit code, after the usage (0) or the refusal (2) is written.</summary>
    public static int? Check(IReadOnlyList<string> args, IEnumerable<string> flags, string program, string usage)
    {
        var known = flags.Select(f => f.TrimStart('-')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var keys = KeyPositions(args).ToList();
        if (keys.Any(k => k is "--help" or "-h" or "-?"))
        {
            Console.Out.Write(usage);
            return 0;
        }
        var unknown = keys.Where(k => !IsKnown(k, known)).ToList();
        if (unknown.Count == 0) return null;
        foreach (var key in unknown)
            Console.Error.WriteLine(key.StartsWith('-') || key.StartsWith('/') ? $"{program}: unknown option '{key}'" : $"{program}: unexpected argument '{key}'");
        Console.Error.WriteLine($"{program}: --help lists the options; settings are given as --Kairos:Section:Name value");
        return Usage;
    }

    // What configuration reads as a key: --key value, --key=value, /key value, and key=value; a bare word it ignores.
    private static bool IsKnown(string key, HashSet<string> known)
    {
        if (!key.StartsWith('-') && !key.StartsWith('/')) return key.Contains('=', StringComparison.Ordinal);
        if (!key.StartsWith("--", StringComparison.Ordinal) && !key.StartsWith('/')) return false;
        var name = key.TrimStart('-', '/').Split('=', 2)[0];
        return known.Contains(name) || HostKeys.Contains(name) || (name.Contains(':', StringComparison.Ordinal) && !name.StartsWith(':') && !name.EndsWith(':'));
    }

    // The arguments in key position, skipping each value that follows a key given without '='.
    private static IEnumerable<string> KeyPositions(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            yield return arg;
            if ((arg.StartsWith("--", StringComparison.Ordinal) || arg.StartsWith('/')) && !arg.Contains('=', StringComparison.Ordinal) && arg is not "--help") i++;
        }
    }
}
