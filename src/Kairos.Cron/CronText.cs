using System.Globalization;
using System.Resources;

namespace Kairos.Cron;

/// <summary>What is wrong with a cron expression, in the current UI culture (Resources/CronText.resx, .ko.resx).</summary>
internal static class CronText
{
    private static readonly ResourceManager Resources = new("Kairos.Cron.Resources.CronText", typeof(CronText).Assembly);

    public static string Get(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"no cron text '{key}'"), args);
}
