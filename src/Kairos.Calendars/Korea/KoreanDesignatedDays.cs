using System.Globalization;
using System.Reflection;

namespace Kairos.Calendars.Korea;

/// <summary>
/// Election days and temporary holidays, read once from <c>designated-days.csv</c> embedded in this assembly. The
/// file is data, not code, so that a new temporary holiday is a one-line change with its source next to it.
/// </summary>
public static class KoreanDesignatedDays
{
    private const string ResourceName = "Kairos.Calendars.Korea.designated-days.csv";
    private static readonly Lazy<(string Version, IReadOnlyList<Holiday> Days)> Data = new(Load);

    /// <summary>The data file's version line.</summary>
    public static string Version => Data.Value.Version;

    /// <summary>Every designated day, in date order.</summary>
    public static IReadOnlyList<Holiday> All => Data.Value.Days;

    internal static IEnumerable<Holiday> InYear(int year) => All.Where(d => d.Date.Year == year);

    /// <summary>Parses the file's text; a malformed line is an exception naming the line, never a silently missing day.</summary>
    public static (string Version, IReadOnlyList<Holiday> Days) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var version = "unversioned";
        var days = new List<Holiday>();
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.StartsWith("# version:", StringComparison.Ordinal)) version = line["# version:".Length..].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',', 5);
            if (fields.Length != 5) throw new FormatException($"designated-days.csv line {n + 1}: expected date,kind,name,name_ko,source");
            if (!DateOnly.TryParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw new FormatException($"designated-days.csv line {n + 1}: '{fields[0]}' is not a date yyyy-MM-dd");
            var kind = fields[1] switch
            {
                "election" => HolidayKind.Election,
                "temporary" => HolidayKind.Temporary,
                _ => throw new FormatException($"designated-days.csv line {n + 1}: kind '{fields[1]}' is not election or temporary"),
            };
            days.Add(new Holiday(date, fields[2], fields[3], kind));
        }
        return (version, days.OrderBy(d => d.Date).ToList());
    }

    private static (string, IReadOnlyList<Holiday>) Load()
    {
        using var stream = typeof(KoreanDesignatedDays).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(KoreanDesignatedDays).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
