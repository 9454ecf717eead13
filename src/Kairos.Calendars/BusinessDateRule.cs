namespace Kairos.Calendars;

/// <summary>What a run on a day a calendar closed belongs to.</summary>
public enum ClosedDayBooking
{
    /// <summary>The next business day: Saturday's work is Monday's business (the default: banks book it so).</summary>
    NextBusinessDay,
    /// <summary>The previous business day: Saturday's work is Friday's business.</summary>
    PreviousBusinessDay,
    /// <summary>The closed day itself: Saturday's work is Saturday's.</summary>
    CalendarDay,
}

/// <summary>
/// How a moment on the wall clock becomes a business date. First the new-day time: a bank's business day starts at
/// its own time (Control-M's "new day"), so with <see cref="NewDayAt"/> 06:00 a run at 01:30 belongs to the day before.
/// That day is the run's <em>order day</em>: the day its schedule's day rule is judged on. Then the closed-day rule:
/// an order day the calendar closed is booked to the business day <see cref="ClosedDays"/> names. Pure.
/// </summary>
public sealed record BusinessDateRule(TimeOnly NewDayAt = default, ClosedDayBooking ClosedDays = ClosedDayBooking.NextBusinessDay)
{
    /// <summary>Days start at midnight; a closed day's work is the next business day's.</summary>
    public static BusinessDateRule Default { get; } = new();

    /// <summary>The day <paramref name="wallClock"/> belongs to: its date, or the day before when it is before <see cref="NewDayAt"/>.</summary>
    public DateOnly OrderDay(DateTime wallClock)
    {
        var day = DateOnly.FromDateTime(wallClock);
        return TimeOnly.FromDateTime(wallClock) < NewDayAt ? day.AddDays(-1) : day;
    }

    /// <summary>When <paramref name="orderDay"/> starts on the wall clock.</summary>
    public DateTime DayStart(DateOnly orderDay) => orderDay.ToDateTime(NewDayAt);

    /// <summary>The business date of <paramref name="orderDay"/> on <paramref name="calendar"/>; the order day itself without one.</summary>
    public DateOnly BusinessDateOf(DateOnly orderDay, ICalendar? calendar)
    {
        if (calendar is null || calendar.IsBusinessDay(orderDay)) return orderDay;
        return ClosedDays switch
        {
            ClosedDayBooking.NextBusinessDay => calendar.NextBusinessDay(orderDay),
            ClosedDayBooking.PreviousBusinessDay => calendar.PreviousBusinessDay(orderDay),
            _ => orderDay,
        };
    }

    /// <summary>The business date of a moment on the wall clock.</summary>
    public DateOnly BusinessDateAt(DateTime wallClock, ICalendar? calendar) => BusinessDateOf(OrderDay(wallClock), calendar);
}
