namespace Kairos.Cron;

public sealed partial class CronExpression
{
    /// <summary>
    /// The first occurrence strictly after <paramref name="fromExclusive"/>, evaluated on the wall clock of
    /// <paramref name="zone"/>, or null when the expression can never match (such as 30 February).
    /// </summary>
    /// <remarks>
    /// A time that falls in a spring-forward gap fires once, at the end of the gap. A time in a fall-back overlap fires
    /// once, in the first pass, unless the hour field covers every hour: then each pass is a different instant and both fire.
    /// </remarks>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset fromExclusive, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(fromExclusive, zone);
        var start = TruncateToSecond(local.DateTime).AddSeconds(1);

        if (CoversEveryHour && zone.IsAmbiguousTime(local) && local.Offset == zone.GetAmbiguousTimeOffsets(local).Max())
        {
            // In the first pass of a repeated hour the wall clock runs on into the second pass, not the next hour.
            var (repeatStart, repeatEnd) = AmbiguousRange(zone, local.DateTime);
            if (NextWallClock(start) is { } first && first < repeatEnd) return new DateTimeOffset(first, local.Offset);
            var standard = zone.GetAmbiguousTimeOffsets(local).Min();
            if (NextWallClock(repeatStart) is { } second && second < repeatEnd) return new DateTimeOffset(second, standard);
            start = repeatEnd;
        }

        while (NextWallClock(start) is { } wall)
        {
            if (InGap(zone, wall))
            {
                var gapEnd = GapEnd(zone, wall);
                var shifted = new DateTimeOffset(gapEnd, zone.GetUtcOffset(gapEnd));
                if (shifted > fromExclusive) return shifted;
                start = gapEnd.AddSeconds(1);
                continue;
            }
            if (zone.IsAmbiguousTime(wall))
            {
                var offsets = zone.GetAmbiguousTimeOffsets(wall).OrderDescending().ToArray();
                foreach (var offset in CoversEveryHour ? offsets : offsets[..1])
                {
                    var candidate = new DateTimeOffset(wall, offset);
                    if (candidate > fromExclusive) return candidate;
                }
                start = wall.AddSeconds(1);
                continue;
            }
            var result = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (result > fromExclusive) return result;
            start = wall.AddSeconds(1);
        }
        return null;
    }

    /// <summary>Occurrences in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], in order.</summary>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset fromExclusive, DateTimeOffset toInclusive, TimeZoneInfo zone)
    {
        var cursor = fromExclusive;
        while (GetNextOccurrence(cursor, zone) is { } next && next <= toInclusive)
        {
            yield return next;
            cursor = next;
        }
    }

    private static DateTime TruncateToSecond(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);

    private static DateTime GapEnd(TimeZoneInfo zone, DateTime inGap)
    {
        var t = new DateTime(inGap.Ticks - inGap.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Unspecified);
        while (InGap(zone, t)) t = t.AddMinutes(1);
        return t;
    }

    /// <summary>
    /// Whether the wall-clock time does not exist in the zone. .NET on Linux calls some times inside a spring-forward gap
    /// valid (Africa/Casablanca after Ramadan, Amman, Damascus, Asuncion, Nuuk in some years), so a time also counts as
    /// missing when it does not come back as itself from the instant its offset gives.
    /// </summary>
    private static bool InGap(TimeZoneInfo zone, DateTime wall) =>
        zone.IsInvalidTime(wall) || TimeZoneInfo.ConvertTime(new DateTimeOffset(wall, zone.GetUtcOffset(wall)), zone).DateTime != wall;

    private static (DateTime Start, DateTime End) AmbiguousRange(TimeZoneInfo zone, DateTime inOverlap)
    {
        var minute = new DateTime(inOverlap.Ticks - inOverlap.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Unspecified);
        var start = minute;
        while (zone.IsAmbiguousTime(start.AddMinutes(-1))) start = start.AddMinutes(-1);
        var end = minute;
        while (zone.IsAmbiguousTime(end)) end = end.AddMinutes(1);
        return (start, end);
    }
}
