namespace Kairos.Server.Operations.Jobs;

internal static class LocalSlot
{
    /// <summary>A slot as people read it: local time in the job's zone, with the zone's name.</summary>
    public static string Of(DateTimeOffset slot, TimeZoneInfo zone) => $"{TimeZoneInfo.ConvertTime(slot, zone):yyyy-MM-dd HH:mm} {zone.Id}";
}
