namespace Kairos.Calendars.Client;

/// <summary>A calendar the service knows.</summary>
/// <param name="Id">Such as <c>KR-BANK</c>.</param>
/// <param name="Description">What the calendar is, in words.</param>
/// <param name="Weekend">The weekend days, such as <c>Saturday+Sunday</c>.</param>
/// <param name="FirstYear">First year whose holidays are computed.</param>
/// <param name="LastYear">Last year whose holidays are computed.</param>
/// <param name="Overrides">Overrides in force on this calendar.</param>
/// <param name="DataVersion">Version of the shipped election and temporary-holiday data.</param>
public sealed record CalendarInfoDto(string Id, string Description, string Weekend, int FirstYear, int LastYear, int Overrides, string DataVersion);

/// <summary>A named day of a calendar.</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">English name.</param>
/// <param name="NameKo">Korean name as the official lists write it.</param>
/// <param name="Kind">fixed, lunar, substitute, temporary, election, closing or override.</param>
/// <param name="BusinessDay">False for a holiday; true for a day an override opened.</param>
/// <param name="Weekend">Whether the day is a weekend day.</param>
public sealed record HolidayDto(DateOnly Date, string Name, string NameKo, string Kind, bool BusinessDay, bool Weekend);

/// <summary>The answer to "is this a business day?", with the neighbours an operator asks next.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Date">The day asked about.</param>
/// <param name="BusinessDay">The answer.</param>
/// <param name="Weekend">Whether the day is a weekend day.</param>
/// <param name="Holiday">The named holiday on the day, if any.</param>
/// <param name="PreviousBusinessDay">The last business day before it.</param>
/// <param name="NextBusinessDay">The first business day after it.</param>
public sealed record BusinessDayDto(string Calendar, DateOnly Date, bool BusinessDay, bool Weekend, HolidayDto? Holiday, DateOnly PreviousBusinessDay, DateOnly NextBusinessDay);

/// <summary>A date computed from another (add, next, nth).</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Date">The result.</param>
/// <param name="From">The starting day, when there is one.</param>
/// <param name="N">The count used.</param>
public sealed record DateResultDto(string Calendar, DateOnly Date, DateOnly? From, int N);

/// <summary>How many business days lie in [From, To).</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="From">Inclusive.</param>
/// <param name="To">Exclusive.</param>
/// <param name="BusinessDays">The count; negative when To is before From.</param>
public sealed record CountDto(string Calendar, DateOnly From, DateOnly To, int BusinessDays);

/// <summary>One day of a month view.</summary>
/// <param name="Date">The day.</param>
/// <param name="BusinessDay">Whether it is a business day.</param>
/// <param name="Weekend">Whether it is a weekend day.</param>
/// <param name="Name">English holiday name, if any.</param>
/// <param name="NameKo">Korean holiday name, if any.</param>
/// <param name="Kind">The holiday's kind, if any.</param>
/// <param name="Overridden">Whether an override decides this day.</param>
public sealed record MonthDayDto(DateOnly Date, bool BusinessDay, bool Weekend, string? Name, string? NameKo, string? Kind, bool Overridden);

/// <summary>A month of a calendar.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Year">The year.</param>
/// <param name="Month">1-12.</param>
/// <param name="BusinessDays">Business days in the month.</param>
/// <param name="Days">Every day of the month.</param>
public sealed record MonthDto(string Calendar, int Year, int Month, int BusinessDays, List<MonthDayDto> Days);

/// <summary>One override entry: in force when it is the latest for its day.</summary>
/// <param name="Id">Entry id, increasing.</param>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Date">The day.</param>
/// <param name="Action">non-business-day, business-day or revert.</param>
/// <param name="Name">English name of a non-business day.</param>
/// <param name="NameKo">Korean name of a non-business day.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why.</param>
/// <param name="Source">Where from (an announcement, an import file).</param>
/// <param name="InForce">Whether this entry decides the day now.</param>
public sealed record OverrideDto(long Id, string Calendar, DateOnly Date, string Action, string? Name, string? NameKo, string Actor, DateTimeOffset At, string? Reason, string? Source, bool InForce);

/// <summary>A request to set one day of a calendar.</summary>
/// <param name="Date">The day, yyyy-MM-dd.</param>
/// <param name="BusinessDay">False to close the day, true to open it.</param>
/// <param name="Name">English name for a closed day.</param>
/// <param name="NameKo">Korean name for a closed day.</param>
/// <param name="Reason">Why; required.</param>
/// <param name="Source">Where the decision comes from, such as an announcement.</param>
public sealed record OverrideRequest(string? Date, bool? BusinessDay, string? Name, string? NameKo, string? Reason, string? Source);

/// <summary>A date whose state an import changes.</summary>
/// <param name="Date">The day.</param>
/// <param name="WasBusinessDay">Before.</param>
/// <param name="BusinessDay">After.</param>
/// <param name="WasName">The day's name before, if closed.</param>
/// <param name="Name">The table's name for the day.</param>
public sealed record ImportChangeDto(DateOnly Date, bool WasBusinessDay, bool BusinessDay, string? WasName, string? Name);

/// <summary>A scheduled slot that a change makes disappear or appear.</summary>
/// <param name="JobId">The job.</param>
/// <param name="SlotTime">The slot's instant.</param>
/// <param name="BusinessDate">The business date the slot is for.</param>
/// <param name="Change">disappears or appears.</param>
/// <param name="Detail">Why, for a moved slot.</param>
public sealed record SlotChangeDto(string JobId, DateTimeOffset SlotTime, DateOnly BusinessDate, string Change, string? Detail);

/// <summary>The preview, or the result, of importing a business-day table.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Applied">False for a preview.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="Changes">Dates whose state changes.</param>
/// <param name="Slots">Runnable slots in the next <paramref name="HorizonDays"/> days that disappear or appear.</param>
/// <param name="HorizonDays">How far ahead slots were compared.</param>
public sealed record ImportResultDto(string Calendar, bool Applied, int Rows, List<ImportChangeDto> Changes, List<SlotChangeDto> Slots, int HorizonDays);
