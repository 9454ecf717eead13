namespace Kairos.Calendars;

/// <summary>Which days of the week are never business days unless a calendar says otherwise.</summary>
public readonly record struct WeekendRule
{
    private readonly byte _mask;

    private WeekendRule(byte mask) => _mask = mask;

    public static WeekendRule SaturdaySunday { get; } = Of(DayOfWeek.Saturday, DayOfWeek.Sunday);

    public static WeekendRule None { get; } = default;

    public static WeekendRule Of(params DayOfWeek[] days)
    {
        ArgumentNullException.ThrowIfNull(days);
        byte mask = 0;
        foreach (var day in days) mask |= (byte)(1 << (int)day);
        return new WeekendRule(mask);
    }

    public bool IsWeekend(DayOfWeek day) => (_mask & (1 << (int)day)) != 0;

    public bool IsWeekend(DateOnly date) => IsWeekend(date.DayOfWeek);

    public WeekendRule Union(WeekendRule other) => new((byte)(_mask | other._mask));

    public IEnumerable<DayOfWeek> Days
    {
        get
        {
            var mask = _mask;
            return Enum.GetValues<DayOfWeek>().Where(d => (mask & (1 << (int)d)) != 0).OrderBy(d => ((int)d + 6) % 7); // Monday first
        }
    }

    public override string ToString() => _mask == 0 ? "none" : string.Join("+", Days);
}
