using Microsoft.Extensions.Configuration;

namespace Kairos.Hosting;

/// <summary>
/// <c>--config FILE</c>: settings in appsettings form (Kafka, consumers, alerts) kept beside the jobs, for the server
/// and its workers alike (compiled into both, linked). It is read after appsettings and the environment; flags on the
/// command line still win.
/// </summary>
internal static class ConfigFile
{
    public const string Key = "Kairos:ConfigFile";

    public static void Add(IConfigurationManager configuration, string[] args, IDictionary<string, string> flags)
    {
        if (configuration[Key] is not { Length: > 0 } file) return;
        var path = Path.GetFullPath(file);
        if (!File.Exists(path)) throw new InvalidOperationException($"--config: there is no file '{path}'.");
        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        configuration.AddCommandLine(args, flags);
    }
}
