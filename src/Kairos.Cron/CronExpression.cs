namespace Kairos.Cron;

/// <summary>
/// A parsed cron expression with an optional seconds field: <c>[sec] min hour day-of-month month day-of-week</c>,
/// or a macro such as <c>@hourly</c>. Immutable and thread-safe.
/// </summary>
/// <example>
/// <code>
/// var cron = CronExpression.Parse("0 */5 9-15 * * MON-FRI");
/// DateTimeOffset? next = cron.GetNextOccurrence(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul"));
/// </code>
/// </example>
public sealed partial class CronExpression : IEquatable<CronExpression>
{
    private readonly CronField _seconds, _minutes, _hours, _daysOfMonth, _months, _daysOfWeek;

    private CronExpression(string text, CronField[] fields)
    {
        Text = text;
        (_seconds, _minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>True when the hour field allows every hour, so a repeated wall-clock hour (DST fall-back) fires in both passes.</summary>
    public bool CoversEveryHour => _hours.IsUnrestricted || _hours.Mask == 0xFFFFFFUL;

    /// <summary>Parses 5 fields (minute first) or 6 fields (second first), or a macro.</summary>
    /// <exception cref="CronFormatException">The expression is not valid; the message names the field.</exception>
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        if (text.StartsWith('@'))
        {
            if (!CronMacros.TryExpand(text, out var expanded))
                throw new CronFormatException(CronText.Get("macro.unknown", text, string.Join(", ", CronMacros.Names)));
            return new CronExpression(text, ParseFields(expanded.Split(' ')));
        }
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
            throw new CronFormatException(CronText.Get("fields.count", text, parts.Length));
        if (parts.Length == 5) parts = ["0", .. parts];
        return new CronExpression(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), ParseFields(parts));
    }

    /// <summary>Parses without throwing; <paramref name="error"/> says what was wrong.</summary>
    public static bool TryParse(string expression, out CronExpression? cron, out string? error)
    {
        try
        {
            cron = Parse(expression);
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            (cron, error) = (null, e.Message);
            return false;
        }
    }

    private static CronField[] ParseFields(string[] parts)
    {
        var kinds = Enum.GetValues<CronFieldKind>();
        var fields = new CronField[6];
        for (var i = 0; i < 6; i++) fields[i] = CronFieldParser.Parse(parts[i], kinds[i]);
        return fields;
    }

    public override string ToString() => Text;

    public bool Equals(CronExpression? other) => other is not null && other.Text == Text;

    public override bool Equals(object? obj) => Equals(obj as CronExpression);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);
}
