namespace Kairos.Calendars;

/// <summary>Why a day is not a business day; every non-business day except a plain weekend has one.</summary>
public enum HolidayKind
{
    /// <summary>A fixed solar date set by law (New Year's Day, Liberation Day).</summary>
    Fixed,
    /// <summary>A date of the lunar calendar (Seollal, Chuseok, Buddha's Birthday).</summary>
    Lunar,
    /// <summary>A substitute holiday (대체공휴일) for a holiday that fell on a weekend or another holiday.</summary>
    Substitute,
    /// <summary>A temporary holiday (임시공휴일) designated by the government.</summary>
    Temporary,
    /// <summary>An election day (선거일).</summary>
    Election,
    /// <summary>A closing day of an institution that is not a public holiday (Labor Day for banks, the exchange's year end).</summary>
    Closing,
    /// <summary>Set by an operator or an imported business-day table.</summary>
    Override,
}
