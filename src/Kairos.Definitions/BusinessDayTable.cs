using System.Globalization;
using Kairos.Calendars;

namespace Kairos.Definitions;

/// <summary>
/// A core-banking style business-day table in CSV: <c>date,business_day,name</c>, one row per date, an optional header.
/// <c>business_day</c> is Y/N, true/false, 1/0 or 영업일/휴일. Every bad row is reported with its line number, and a
/// table with any bad row is refused whole.
/// </summary>
public static class BusinessDayTable
{
    public sealed record Row(int Line, DateOnly Date, bool BusinessDay, string? Name);

    /// <summary>One date whose state the table changes.</summary>
    public sealed record Change(DateOnly Date, bool WasBusinessDay, bool BusinessDay, string? WasName, string? Name);

    public static (IReadOnlyList<Row> Rows, IReadOnlyList<JobDefinitionError> Errors) Parse(string text, string source = "table.csv")
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<Row>();
        var errors = new List<JobDefinitionError>();
        var seen = new Dictionary<DateOnly, int>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('\uFEFF');
            var number = i + 1;
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',').Select(f => f.Trim().Trim('"')).ToArray();
            if (rows.Count == 0 && errors.Count == 0 && fields[0].Equals("date", StringComparison.OrdinalIgnoreCase)) continue;
            void Error(string field, string message) => errors.Add(new JobDefinitionError(source, number, field, message));
            if (fields.Length is < 2 or > 3) { Error("", DefinitionText.Get("table.fieldCount", fields.Length)); continue; }
            if (!DateOnly.TryParseExact(fields[0], ["yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                Error("date", DefinitionText.Get("table.date", fields[0]));
                continue;
            }
            bool? business = fields[1].ToUpperInvariant() switch
            {
                "Y" or "YES" or "TRUE" or "1" or "영업일" => true,
                "N" or "NO" or "FALSE" or "0" or "휴일" or "휴무일" => false,
                _ => null,
            };
            if (business is null) { Error("business_day", DefinitionText.Get("table.businessDay", fields[1])); continue; }
            if (seen.TryGetValue(date, out var earlier)) { Error("date", DefinitionText.Get("table.duplicateDate", $"{date:yyyy-MM-dd}", earlier)); continue; }
            seen[date] = number;
            rows.Add(new Row(number, date, business.Value, fields.Length > 2 && fields[2].Length > 0 ? fields[2] : null));
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new JobDefinitionError(source, 1, "", DefinitionText.Get("table.empty")));
        return (rows, errors);
    }

    /// <summary>The rows that change <paramref name="calendar"/>: a business day closed, or a closed day opened.</summary>
    public static IReadOnlyList<Change> Diff(IEnumerable<Row> rows, ICalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(calendar);
        return rows.Where(r => calendar.IsBusinessDay(r.Date) != r.BusinessDay)
            .Select(r => new Change(r.Date, !r.BusinessDay, r.BusinessDay, calendar.HolidayOn(r.Date)?.NameKo ?? calendar.NonBusinessReason(r.Date), r.Name))
            .OrderBy(c => c.Date)
            .ToList();
    }
}
