namespace Kairos.Calendars.Client;

/// <summary>A calendar the service knows.</summary>
/// <param name="Id">Such as <c>KR-BANK</c>.</param>
/// <param name="Description">What the calendar is, in words.</param>
/// <param name="Weekend">The weekend days, such as <c>Saturday+Sunday</c>.</param>
/// <param name="FirstYear">First year whose holidays are computed.</param>
/// <param name="LastYear">Last year whose holidays are computed.</param>
/// <param name="Overrides">Overrides made on this calendar and in force.</param>
/// <param name="DataVersion">Version of the shipped election and temporary-holiday data.</param>
/// <param name="InheritedOverrides">Overrides made on a calendar this one is built on that decide a day here (KRX inherits KR-BANK's).</param>
/// <param name="Layers">The calendars this one is built on, innermost first and itself last: KRX is [KR, KR-BANK, KRX].</param>
/// <param name="Kind"><c>built-in</c> or <c>institution</c> (defined in the settings file or through the API).</param>
/// <param name="Bases">An institution calendar's bases.</param>
public sealed record CalendarInfoDto(string Id, string Description, string Weekend, int FirstYear, int LastYear, int Overrides, string DataVersion,
    int InheritedOverrides = 0, List<string>? Layers = null, string Kind = "built-in", List<string>? Bases = null);

/// <summary>A named day of a calendar.</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">English name.</param>
/// <param name="NameKo">Korean name as the official lists write it.</param>
/// <param name="Kind">fixed, lunar, substitute, temporary, election, closing or override.</param>
/// <param name="BusinessDay">False for a holiday; true for a day an override opened.</param>
/// <param name="Weekend">Whether the day is a weekend day.</param>
/// <param name="Layer">The calendar whose rule or override made the day what it is: KR for Chuseok, KR-BANK for a bank closing.</param>
public sealed record HolidayDto(DateOnly Date, string Name, string NameKo, string Kind, bool BusinessDay, bool Weekend, string? Layer = null);

/// <summary>The answer to "is this a business day?", with the neighbours an operator asks next.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Date">The day asked about.</param>
/// <param name="BusinessDay">The answer.</param>
/// <param name="Weekend">Whether the day is a weekend day.</param>
/// <param name="Holiday">The named holiday on the day, if any.</param>
/// <param name="PreviousBusinessDay">The last business day before it.</param>
/// <param name="NextBusinessDay">The first business day after it.</param>
/// <param name="Layer">The calendar whose rule or override closed the day, or opened it against the rules; null on an ordinary business day.</param>
/// <param name="Overridden">Whether an override, on this calendar or one it is built on, decides the day.</param>
public sealed record BusinessDayDto(string Calendar, DateOnly Date, bool BusinessDay, bool Weekend, HolidayDto? Holiday, DateOnly PreviousBusinessDay, DateOnly NextBusinessDay,
    string? Layer = null, bool Overridden = false);

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
/// <param name="Overridden">Whether an override, on this calendar or one it is built on, decides this day.</param>
/// <param name="Layer">The calendar whose rule or override closed the day, or opened it against the rules; null on an ordinary business day.</param>
public sealed record MonthDayDto(DateOnly Date, bool BusinessDay, bool Weekend, string? Name, string? NameKo, string? Kind, bool Overridden, string? Layer = null);

/// <summary>A month of a calendar.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Year">The year.</param>
/// <param name="Month">1-12.</param>
/// <param name="BusinessDays">Business days in the month.</param>
/// <param name="Days">Every day of the month.</param>
public sealed record MonthDto(string Calendar, int Year, int Month, int BusinessDays, List<MonthDayDto> Days);

/// <summary>One override entry: in force when it is the latest for its day.</summary>
/// <param name="Id">Entry id, increasing.</param>
/// <param name="Calendar">The calendar the override was made on: the layer it decides days from.</param>
/// <param name="Date">The day.</param>
/// <param name="Action">non-business-day, business-day or revert.</param>
/// <param name="Name">English name of the day (a closed day's, or an opened day's when given).</param>
/// <param name="NameKo">Korean name of the day.</param>
/// <param name="Actor">Who.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why.</param>
/// <param name="Source">Where from (an announcement, an import file).</param>
/// <param name="InForce">Whether this entry decides the day now, on the calendar asked about.</param>
/// <param name="Inherited">True when the entry was made on a calendar the one asked about is built on (KRX lists KR-BANK's).</param>
public sealed record OverrideDto(long Id, string Calendar, DateOnly Date, string Action, string? Name, string? NameKo, string Actor, DateTimeOffset At, string? Reason, string? Source, bool InForce,
    bool Inherited = false);

/// <summary>A request to set one day of a calendar.</summary>
/// <param name="Date">The day, yyyy-MM-dd.</param>
/// <param name="BusinessDay">False to close the day, true to open it.</param>
/// <param name="Name">English name of the day: required to close it (or <paramref name="NameKo"/>), optional to open it.</param>
/// <param name="NameKo">Korean name of the day.</param>
/// <param name="Reason">Why; required to make the change, not to preview it.</param>
/// <param name="Source">Where the decision comes from, such as an announcement.</param>
public sealed record OverrideRequest(string? Date, bool? BusinessDay, string? Name, string? NameKo, string? Reason, string? Source);

/// <summary>A date whose state a change (an import, an override, a revert) changes.</summary>
/// <param name="Date">The day.</param>
/// <param name="WasBusinessDay">Before.</param>
/// <param name="BusinessDay">After.</param>
/// <param name="WasName">The day's name before, if closed.</param>
/// <param name="Name">The day's name after: the table's or the override's name, or the calendar's once reverted.</param>
public sealed record ImportChangeDto(DateOnly Date, bool WasBusinessDay, bool BusinessDay, string? WasName, string? Name);

/// <summary>A scheduled slot that a change makes disappear or appear.</summary>
/// <param name="JobId">The job.</param>
/// <param name="SlotTime">The slot's instant.</param>
/// <param name="BusinessDate">The business date the slot is for.</param>
/// <param name="Change">disappears or appears.</param>
/// <param name="Detail">Why, for a moved slot.</param>
/// <param name="MovedWith">
/// For half of a move, the other half's instant: where a disappearing slot's run goes, or where an appearing slot's run
/// comes from. A move is a disappearing and an appearing slot of one job that stand for the same scheduled occurrence
/// (a slot shifted off a closed day, or a month's nth business day); see docs/calendars.md.
/// </param>
public sealed record SlotChangeDto(string JobId, DateTimeOffset SlotTime, DateOnly BusinessDate, string Change, string? Detail, DateTimeOffset? MovedWith = null);

/// <summary>One job's runs that a change takes away, adds or moves.</summary>
/// <param name="JobId">The job.</param>
/// <param name="Disappear">Runs that no longer happen.</param>
/// <param name="Appear">New runs.</param>
/// <param name="Move">Runs that happen at another time instead (each is one disappearing and one appearing slot).</param>
public sealed record JobImpactDto(string JobId, int Disappear, int Appear, int Move);

/// <summary>What a change does to the runs of the horizon, counted in full: these counts are never capped.</summary>
/// <param name="Disappear">Runs that no longer happen, all jobs.</param>
/// <param name="Appear">New runs, all jobs.</param>
/// <param name="Move">Moved runs, all jobs.</param>
/// <param name="SlotChanges">Changed slots: Disappear + Appear + 2 × Move, the length of the full list.</param>
/// <param name="Jobs">Per job with any change, by job id.</param>
public sealed record ImpactSummaryDto(int Disappear, int Appear, int Move, int SlotChanges, List<JobImpactDto> Jobs);

/// <summary>The preview, or the result, of importing a business-day table.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Applied">False for a preview.</param>
/// <param name="Rows">Rows read.</param>
/// <param name="Changes">Dates whose state changes.</param>
/// <param name="Slots">
/// With details=true, every runnable slot in the next <paramref name="HorizonDays"/> days that disappears or appears;
/// otherwise empty (see <paramref name="SlotsListed"/>).
/// </param>
/// <param name="HorizonDays">How far ahead slots were compared.</param>
/// <param name="Summary">Per job and in total, the runs that disappear, appear and move; always complete.</param>
/// <param name="SlotsListed">Whether <paramref name="Slots"/> is the full list; false when it was not asked for.</param>
public sealed record ImportResultDto(string Calendar, bool Applied, int Rows, List<ImportChangeDto> Changes, List<SlotChangeDto> Slots, int HorizonDays,
    ImpactSummaryDto? Summary = null, bool SlotsListed = true);

/// <summary>What one override, or its revert, would change, before it is made; nothing is changed by asking.</summary>
/// <param name="Calendar">The calendar id.</param>
/// <param name="Changes">The day, if its state changes; empty when the calendar already says so.</param>
/// <param name="Summary">Per job and in total, the runs that disappear, appear and move; always complete.</param>
/// <param name="Slots">With details=true, every changed slot; otherwise empty.</param>
/// <param name="SlotsListed">Whether <paramref name="Slots"/> is the full list.</param>
/// <param name="HorizonDays">How far ahead slots were compared.</param>
public sealed record CalendarChangePreviewDto(string Calendar, List<ImportChangeDto> Changes, ImpactSummaryDto Summary, List<SlotChangeDto> Slots, bool SlotsListed, int HorizonDays);
