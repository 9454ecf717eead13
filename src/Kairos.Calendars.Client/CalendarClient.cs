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
public sealed class CalendarClient(HttpClient http)
{
    private readonly ApiTransport _api = new(http);

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string C(string calendar) => $"api/calendars/{Uri.EscapeDataString(calendar)}";

    /// <summary>Every calendar the service knows.</summary>
    public Task<List<CalendarInfoDto>> ListAsync(CancellationToken cancellationToken = default) => _api.GetAsync<List<CalendarInfoDto>>("api/calendars", cancellationToken);

    /// <summary>Whether <paramref name="date"/> is a business day, with its holiday and neighbours.</summary>
    public Task<BusinessDayDto> IsBusinessDayAsync(string calendar, DateOnly date, CancellationToken cancellationToken = default) =>
        _api.GetAsync<BusinessDayDto>($"{C(calendar)}/is-business-day/{D(date)}", cancellationToken);

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

    /// <summary>Every override entry of a calendar, oldest first, with the ones in force marked.</summary>
    public Task<List<OverrideDto>> HistoryAsync(string calendar, CancellationToken cancellationToken = default) =>
        _api.GetAsync<List<OverrideDto>>($"{C(calendar)}/overrides?history=true", cancellationToken);

    /// <summary>Closes or opens one day; the entry is kept with who, when, why and source.</summary>
    public Task<OverrideDto> SetDayAsync(string calendar, OverrideRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<OverrideDto>(HttpMethod.Post, $"{C(calendar)}/overrides", request, cancellationToken);

    /// <summary>Returns a day to what the calendar's rules say.</summary>
    public Task<OverrideDto> RevertDayAsync(string calendar, DateOnly date, string reason, CancellationToken cancellationToken = default) =>
        _api.SendAsync<OverrideDto>(HttpMethod.Delete, $"{C(calendar)}/overrides/{D(date)}?reason={Uri.EscapeDataString(reason)}", new { }, cancellationToken);

    /// <summary>Previews (or, with <paramref name="apply"/>, applies) a business-day table in CSV; a bad row applies nothing.</summary>
    public Task<ImportResultDto> ImportAsync(string calendar, string csv, bool apply, string? source = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        var query = $"apply={(apply ? "true" : "false")}" + (source is null ? "" : $"&source={Uri.EscapeDataString(source)}") + (reason is null ? "" : $"&reason={Uri.EscapeDataString(reason)}");
        return _api.SendAsync<ImportResultDto>(HttpMethod.Post, $"{C(calendar)}/import?{query}", new StringContent(csv, Encoding.UTF8, "text/csv"), cancellationToken);
    }

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
        var holidays = days.Where(d => !d.BusinessDay).Select(d => new Holiday(d.Date, d.Name, d.NameKo, Enum.TryParse<HolidayKind>(d.Kind, true, out var k) ? k : HolidayKind.Override));
        return new BusinessCalendar(info.Id, weekend, holidays, days.Where(d => d.BusinessDay).Select(d => d.Date), info.Description);
    }
}
