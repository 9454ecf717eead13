namespace Kairos.Calendars.Korea;

/// <summary>What makes a holiday earn a substitute holiday (대체공휴일); each holiday's rule has its own effective date.</summary>
internal enum SubstituteTrigger
{
    None,
    /// <summary>Seollal and Chuseok: a Sunday or another public holiday inside the three days (Saturday does not count).</summary>
    SundayOrOtherHoliday,
    /// <summary>Children's Day: a Saturday, a Sunday or another public holiday.</summary>
    WeekendOrOtherHoliday,
    /// <summary>National days, Buddha's Birthday, Christmas: a Saturday or a Sunday.</summary>
    Weekend,
}
