using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kairos.Core.Reasons;

namespace Kairos.Server.Texts;

/// <summary>
/// A reason code in the request's language (Resources/ReasonText.resx, ReasonText.ko.resx). Core and the store keep
/// codes with arguments; this is the one place they become words, so a run skipped last month reads in Korean or
/// English alike. A code this server has no text for (written by a newer version) is shown as its code.
/// </summary>
internal static class ReasonText
{
    private static readonly ResourceText Texts = new("Kairos.Server.Resources.ReasonText", typeof(ReasonText).Assembly);

    public static string Render(Reason reason) => Render(reason, CultureInfo.CurrentUICulture);

    /// <summary>In a given language: what the server sends on its own (alerts to webhooks) is in English.</summary>
    public static string Render(Reason reason, CultureInfo culture)
    {
        var args = reason.Args.Select(a => Render(a, culture)).ToArray<object?>();
        return Texts.Find(reason.Code, culture) is { } text ? string.Format(CultureInfo.InvariantCulture, text, args) : $"{reason.Code}({string.Join(", ", args)})";
    }

    /// <summary>A run's stored detail for the reader: a stored reason in their language, anything else as it was written.</summary>
    [return: NotNullIfNotNull(nameof(stored))]
    public static string? Detail(string? stored) => StoredReason.Read(stored) is { } reason ? Render(reason) : stored;

    /// <summary>A stored detail in a given language.</summary>
    [return: NotNullIfNotNull(nameof(stored))]
    public static string? Detail(string? stored, CultureInfo culture) => StoredReason.Read(stored) is { } reason ? Render(reason, culture) : stored;

    private static string Render(ReasonArg arg, CultureInfo culture) => arg switch
    {
        ValueArg value => value.Value,
        NameArg name => culture.TwoLetterISOLanguageName == "ko" ? name.Korean : name.English,
        NestedArg nested => Render(nested.Reason, culture),
        _ => "",
    };
}
