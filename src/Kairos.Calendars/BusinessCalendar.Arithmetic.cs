namespace Kairos.Calendars;

// Business-day arithmetic. Inside the precomputed range every answer is two array reads; outside it, a day-by-day walk.
public sealed partial class BusinessCalendar
{
    // Any real calendar has a business day within a few weeks; a calendar with none is a configuration error.
    private const int MaxWalkDays = 3660;

    /// <summary>The first business day strictly after <paramref name="day"/>.</summary>
    public DateOnly NextBusinessDay(DateOnly day) => AddBusinessDays(day, 1);

    /// <summary>The last business day strictly before <paramref name="day"/>.</summary>
    public DateOnly PreviousBusinessDay(DateOnly day) => AddBusinessDays(day, -1);

    /// <summary>
    /// Moves <paramref name="n"/> business days from <paramref name="day"/>: +1 is the next business day, -1 the previous
    /// one, whether or not <paramref name="day"/> is itself a business day. 0 is <paramref name="day"/> when it is a
    /// business day, otherwise the next one.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly day, int n)
    {
        var i = day.DayNumber - First;
        if ((uint)i < (uint)Count)
        {
            var target = n switch
            {
                > 0 => _rank[i + 1] + n - 1,
                < 0 => _rank[i] + n,
                _ => _rank[i],
            };
            if ((uint)target < (uint)_businessDays.Length) return DateOnly.FromDayNumber(First + _businessDays[target]);
        }
        return Walk(day, n);
    }

    /// <summary>Business days d with <paramref name="from"/> ≤ d &lt; <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int CountBusinessDays(DateOnly from, DateOnly to)
    {
        if (to < from) return -CountBusinessDays(to, from);
        int a = from.DayNumber - First, b = to.DayNumber - First;
        if (a >= 0 && b <= Count) return _rank[b] - _rank[a];
        var count = 0;
        for (var d = from; d < to; d = d.AddDays(1)) if (IsBusinessDay(d)) count++;
        return count;
    }

    /// <summary>
    /// The <paramref name="n"/>th business day of a month: 1 is the first, -1 the last, -2 the one before the last.
    /// Null when the month has fewer business days.
    /// </summary>
    public DateOnly? NthBusinessDayOfMonth(int year, int month, int n)
    {
        if (n == 0) throw new ArgumentOutOfRangeException(nameof(n), "n counts from 1 (first) or -1 (last); 0 is neither");
        var first = new DateOnly(year, month, 1);
        var next = first.AddMonths(1);
        int a = first.DayNumber - First, b = next.DayNumber - First;
        if (a >= 0 && b <= Count)
        {
            var target = n > 0 ? _rank[a] + n - 1 : _rank[b] + n;
            return target >= _rank[a] && target < _rank[b] ? DateOnly.FromDayNumber(First + _businessDays[target]) : null;
        }
        var seen = 0;
        for (var d = n > 0 ? first : next.AddDays(-1); d >= first && d < next; d = d.AddDays(n > 0 ? 1 : -1))
        {
            if (IsBusinessDay(d) && ++seen == Math.Abs(n)) return d;
        }
        return null;
    }

    /// <summary>The last business day of a month, or null when it has none.</summary>
    public DateOnly? LastBusinessDayOfMonth(int year, int month) => NthBusinessDayOfMonth(year, month, -1);

    /// <summary>Which business day of its month <paramref name="day"/> is, from the start (1, 2, …) and from the end (-1, -2, …); null when it is not one.</summary>
    public (int FromStart, int FromEnd)? BusinessDayOfMonth(DateOnly day)
    {
        if (!IsBusinessDay(day)) return null;
        var first = new DateOnly(day.Year, day.Month, 1);
        var fromStart = CountBusinessDays(first, day) + 1;
        var fromEnd = -CountBusinessDays(day, first.AddMonths(1));
        return (fromStart, fromEnd);
    }

    private DateOnly Walk(DateOnly day, int n)
    {
        if (n == 0 && IsBusinessDay(day)) return day;
        var direction = n >= 0 ? 1 : -1;
        var remaining = Math.Max(1, Math.Abs(n));
        var candidate = day;
        for (var walked = 0; walked < MaxWalkDays + Math.Abs((long)n) * 2; walked++)
        {
            candidate = candidate.AddDays(direction);
            if (IsBusinessDay(candidate) && --remaining == 0) return candidate;
        }
        throw new InvalidOperationException($"Calendar '{Id}' has too few business days near {day:yyyy-MM-dd}.");
    }
}
