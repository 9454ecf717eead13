namespace Kairos.Cron;

/// <summary>What is wrong with a cron expression, in the current UI culture (Resources/CronText.resx, .ko.resx).</summary>
internal static class CronText
{
    private static readonly ResourceText Texts = new("Kairos.Cron.Resources.CronText", typeof(CronText).Assembly);

    public static string Get(string key, params object?[] args) => Texts.Get(key, args);
}
