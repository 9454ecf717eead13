namespace Kairos.Core.Dependencies;

/// <summary>
/// How long a run waits for its dependencies (<c>waitUntil</c>) before it is skipped with reason dependency-timeout:
/// a duration from when the run came due, or a wall-clock time in the job's zone (the first such time at or after it
/// came due).
/// </summary>
public sealed record WaitLimit(TimeSpan? For = null, TimeOnly? At = null)
{
    /// <summary>The instant the wait ends for a run due at <paramref name="dueAt"/>.</summary>
    public DateTimeOffset Deadline(DateTimeOffset dueAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (For is { } span) return Time.SaturatingTime.Add(dueAt, span);
        var local = TimeZoneInfo.ConvertTime(dueAt, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < 3; i++)
        {
            var wall = day.AddDays(i).ToDateTime(At!.Value);
            // A wall time skipped by a daylight-saving change counts from the moment after the gap.
            while (zone.IsInvalidTime(wall)) wall = wall.AddMinutes(1);
            var candidate = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
            if (candidate >= dueAt) return candidate;
        }
        return dueAt;
    }
}
