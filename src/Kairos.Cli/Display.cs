using System.Globalization;

namespace Kairos.Cli;

/// <summary>Instants are shown on the Seoul wall clock (KST) unless KAIROS_TZ names another zone.</summary>
internal static class Display
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(Environment.GetEnvironmentVariable("KAIROS_TZ") is { Length: > 0 } tz ? tz : "Asia/Seoul");

    public static string ZoneName => Zone.Id == "Asia/Seoul" ? "KST" : Zone.Id;

    public static string Time(DateTimeOffset? value) =>
        value is { } v ? TimeZoneInfo.ConvertTime(v, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    /// <summary>The time with its zone named, for sentences: 2026-11-23 09:00:00 KST.</summary>
    public static string Zoned(DateTimeOffset value) => $"{Time(value)} {ZoneName}";
}
