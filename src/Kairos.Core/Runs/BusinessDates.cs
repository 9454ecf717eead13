using System.Globalization;

namespace Kairos.Core.Runs;

/// <summary>The one text form of a business date, on the wire, in the store and in templates: <c>yyyy-MM-dd</c>.</summary>
public static class BusinessDates
{
    public const string Format = "yyyy-MM-dd";

    public static string ToText(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToText(DateOnly? date) => date is { } d ? ToText(d) : null;

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static DateOnly Parse(string text) =>
        TryParse(text, out var date) ? date : throw new FormatException($"'{text}' is not a business date {Format}.");
}
