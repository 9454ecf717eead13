namespace Kairos.Cron.Tests;

internal static class Zones
{
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    public static readonly TimeZoneInfo LordHowe = TimeZoneInfo.FindSystemTimeZoneById("Australia/Lord_Howe");

    public static TimeZoneInfo ById(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
