using System.Globalization;
using System.Text;
using Kairos.Client;

namespace Kairos.Calendars.Client;

/// <summary>
/// The Kairos calendar service for other .NET services: one shared answer to "is this a business day?" and the
/// arithmetic around it. For hot paths, <see cref="DownloadAsync"/> copies a calendar (overrides included) into a
/// local <see cref="BusinessCalendar"/> that answers without a network call.
/// </summary>
/// <example>
/// <code>
/// using var http = new HttpClient { BaseAddress = new Uri("http://kairos:5080") };
/// var calendars = new CalendarClient(http);
/// if ((await calendars.IsBusinessDayAsync("KR-BANK", today)).BusinessDay) { ... }
/// var settlement = (await calendars.AddAsync("KRX", tradeDate, 2)).Date;
/// </code>
/// </example>
public sealed partial class CalendarClient(HttpClient http)
{
    private readonly ApiTransport _api = new(http, CalendarJsonContext.Default);

    // An empty JSON object ({}), the body a DELETE with a reason carries.
    private static readonly Dictionary<string, string> NoFields = [];

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string C(string calendar) => $"api/calendars/{Uri.EscapeDataString(calendar)}";

    /// <summary>Every calendar the service knows.</summary>
    public Task<List<CalendarInfoDto>> ListAsync(CancellationToken cancellationToken = default) => _api.GetAsync<List<CalendarInfoDto>>("api/calendars", cancellationToken);

    /// <summary>Whether <paramref name="date"/> is a business day, with its holiday and neighbours.</summary>
    public Task<BusinessDayDto> IsBusinessDayAsync(string calendar, DateOnly date, CancellationToken cancellationToken = default) =>
        _api.GetAsync<BusinessDayDto>($"{C(calendar)}/is-business-day/{D(date)}", cancellationToken);

    /// <summary>Today's business date on <paramref name="calendar"/>, in its zone and by its new-day time and closed-day rule; or that of <paramref name="at"/>.</summary>
    public Task<TodayDto> TodayAsync(string calendar, DateTimeOffset? at = null, CancellationToken cancellationToken = default) =>
        _api.GetAsync<TodayDto>($"{C(calendar)}/today" + (at is { } moment ? "?at=" + Uri.EscapeDataString(moment.ToString("O", CultureInfo.InvariantCulture)) : ""), cancellationToken);

    /// <summary>The first business day after <paramref name="date"/> (or the last before it, when <paramref name="previous"/>).</summary>
    public Task<DateResultDto> NextAsync(string calendar, DateOnly date, bool previous = false, CancellationToken cancellationToken = default) =>
        _api.GetAsync<DateResultDto>($"{C(calendar)}/{(previous ? "previous" : "next")}/{D(date)}", cancellationToken);

    /// <summary><paramref name="n"/> business days from <paramref name="date"/> (negative goes back).</summary>
    public Task<DateResultDto> AddAsync(string calendar, DateOnly date, int n, CancellationToken cancellationToken = default) =>
        _api.GetAsync<DateResultDto>($"{C(calendar)}/add/{D(date)}?n={n}", cancellationToken);

    /// <summary>The <paramref name="n"/>th business day of a month (1 first, -1 last).</summary>
    public Task<DateResultDto> NthAsync(string calendar, int year, int month, int n, CancellationToken cancellationToken = default) =>
        _api.GetAsync<DateResultDto>($"{C(calendar)}/nth/{year}/{month}?n={n}", cancellationToken);

    /// <summary>Business days in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Task<CountDto> CountAsync(string calendar, DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        _api.GetAsync<CountDto>($"{C(calendar)}/between?from={D(from)}&to={D(to)}", cancellationToken);

    /// <summary>Named days in [<paramref name="from"/>, <paramref name="to"/>]; weekend holidays only when asked.</summary>
    public Task<List<HolidayDto>> HolidaysAsync(string calendar, DateOnly from, DateOnly to, bool includeWeekends = false, CancellationToken cancellationToken = default) =>
        _api.GetAsync<List<HolidayDto>>($"{C(calendar)}/holidays?from={D(from)}&to={D(to)}&weekends={(includeWeekends ? "true" : "false")}", cancellationToken);

    /// <summary>A month grid with names and overrides.</summary>
    public Task<MonthDto> MonthAsync(string calendar, int year, int month, CancellationToken cancellationToken = default) =>
        _api.GetAsync<MonthDto>($"{C(calendar)}/month/{year}/{month}", cancellationToken);

    /// <summary>
    /// The overrides that decide days of a calendar, by date: its own and those inherited from the calendars it is built
    /// on (<see cref="OverrideDto.Inherited"/>, made on <see cref="OverrideDto.Calendar"/>), so KRX lists KR-BANK's.
    /// </summary>
    public Task<List<OverrideDto>> OverridesAsync(string calendar, CancellationToken cancellationToken = default) =>
        _api.GetAsync<List<OverrideDto>>($"{C(calendar)}/overrides", cancellationToken);

    /// <summary>Every override entry of a calendar and of the calendars it is built on, oldest first, with the ones in force marked.</summary>
    public Task<List<OverrideDto>> HistoryAsync(string calendar, CancellationToken cancellationToken = default) =>
        _api.GetAsync<List<OverrideDto>>($"{C(calendar)}/overrides?history=true", cancellationToken);

    /// <summary>Closes or opens one day; the entry is kept with who, when, why and source.</summary>
    public Task<OverrideDto> SetDayAsync(string calendar, OverrideRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<OverrideDto>(HttpMethod.Post, $"{C(calendar)}/overrides", request, cancellationToken);

    /// <summary>Returns a day to what the calendar's rules say.</summary>
    public Task<OverrideDto> RevertDayAsync(string calendar, DateOnly date, string reason, CancellationToken cancellationToken = default) =>
        _api.SendAsync<OverrideDto>(HttpMethod.Delete, $"{C(calendar)}/overrides/{D(date)}?reason={Uri.EscapeDataString(reason)}", NoFields, cancellationToken);

    /// <summary>Previews (or, with <paramref name="apply"/>, applies) a business-day table in CSV; a bad row applies nothing.</summary>
    /// <remarks>The answer sums up the slots per job; the slots themselves are listed by the overload that takes <c>details</c>.</remarks>
    public Task<ImportResultDto> ImportAsync(string calendar, string csv, bool apply, string? source = null, string? reason = null, CancellationToken cancellationToken = default) =>
        ImportAsync(calendar, csv, apply, details: false, source, reason, cancellationToken);

    /// <summary>Previews (or applies) a business-day table; with <paramref name="details"/>, the answer lists every changed slot.</summary>
    public Task<ImportResultDto> ImportAsync(string calendar, string csv, bool apply, bool details, string? source, string? reason, CancellationToken cancellationToken = default)
    {
        var query = $"apply={(apply ? "true" : "false")}&details={(details ? "true" : "false")}" + (source is null ? "" : $"&source={Uri.EscapeDataString(source)}") + (reason is null ? "" : $"&reason={Uri.EscapeDataString(reason)}");
        return _api.SendAsync<ImportResultDto>(HttpMethod.Post, $"{C(calendar)}/import?{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), cancellationToken);
    }

    /// <summary>What <see cref="SetDayAsync"/> with this request would change, without changing anything.</summary>
    public Task<CalendarChangePreviewDto> PreviewDayAsync(string calendar, OverrideRequest request, bool details = false, CancellationToken cancellationToken = default) =>
        _api.SendAsync<CalendarChangePreviewDto>(HttpMethod.Post, $"{C(calendar)}/overrides/preview?details={(details ? "true" : "false")}", request, cancellationToken);

    /// <summary>What <see cref="RevertDayAsync"/> would change, without changing anything.</summary>
    public Task<CalendarChangePreviewDto> PreviewRevertAsync(string calendar, DateOnly date, bool details = false, CancellationToken cancellationToken = default) =>
        _api.GetAsync<CalendarChangePreviewDto>($"{C(calendar)}/overrides/{D(date)}/revert-preview?details={(details ? "true" : "false")}", cancellationToken);

    /// <summary>
    /// A local copy of <paramref name="calendar"/> for the given years, overrides included: answers in nanoseconds
    /// with no network call. Refresh it when the service's calendar may have changed (for example hourly).
    /// </summary>
    public async Task<BusinessCalendar> DownloadAsync(string calendar, int firstYear, int lastYear, CancellationToken cancellationToken = default)
    {
        var info = (await ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => string.Equals(c.Id, calendar, StringComparison.OrdinalIgnoreCase))
            ?? throw new KairosApiException(System.Net.HttpStatusCode.NotFound, "not-found", $"There is no calendar '{calendar}'.");
        var days = await HolidaysAsync(calendar, new DateOnly(firstYear, 1, 1), new DateOnly(lastYear, 12, 31), includeWeekends: true, cancellationToken).ConfigureAwait(false);
        var weekend = WeekendRule.Of(info.Weekend.Split('+', StringSplitOptions.RemoveEmptyEntries).Where(d => Enum.TryParse<DayOfWeek>(d, out _)).Select(Enum.Parse<DayOfWeek>).ToArray());
        var holidays = days.Where(d => !d.BusinessDay).Select(d => new Holiday(d.Date, d.Name, d.NameKo, Enum.TryParse<HolidayKind>(d.Kind, true, out var k) ? k : HolidayKind.Override) { Layer = d.Layer });
        var opened = days.Where(d => d.BusinessDay).ToList();
        return new BusinessCalendar(info.Id, weekend, holidays, opened.Select(d => d.Date), info.Description)
        {
            ForcedBusinessDayLayers = opened.ToDictionary(d => d.Date, d => new DayLayer(d.Layer ?? info.Id, d.Kind == HolidayKind.Override.ToWire())),
        };
    }
}
