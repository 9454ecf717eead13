namespace Kairos.Cron;

internal static class CronMacros
{
    private static readonly Dictionary<string, string> Expansions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 0 1 1 *",
        ["@annually"] = "0 0 0 1 1 *",
        ["@monthly"] = "0 0 0 1 * *",
        ["@weekly"] = "0 0 0 * * 0",
        ["@daily"] = "0 0 0 * * *",
        ["@midnight"] = "0 0 0 * * *",
        ["@hourly"] = "0 0 * * * *",
        ["@every_minute"] = "0 * * * * *",
        ["@every_second"] = "* * * * * *",
    };

    public static bool TryExpand(string macro, out string expanded) =>
        Expansions.TryGetValue(macro, out expanded!);

    public static IEnumerable<string> Names => Expansions.Keys;
}
