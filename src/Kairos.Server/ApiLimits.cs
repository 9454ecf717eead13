namespace Kairos.Server;

/// <summary>
/// The sizes the API accepts, in one place (docs/operations.md lists them). Each bounds what one request can make the
/// server hold, store and send back to every console that polls it.
/// </summary>
internal static class ApiLimits
{
    /// <summary>A request body, unless its endpoint says otherwise: a job definition is a few kilobytes.</summary>
    public const long RequestBody = 1024 * 1024;

    /// <summary>A calendar table import: a century of days in CSV, with names.</summary>
    public const long ImportBody = 9 * 1024 * 1024;

    public const int Reason = 1_000;
    public const int Name = 200;
    public const int Owner = 100;
    public const int Label = 100;
    public const int OwnerCount = 100;

    /// <summary>Any other text field of a request (a date, a source, a password).</summary>
    public const int OtherText = 1_000;

    /// <summary>Dates the calendar endpoints answer for: beyond them lie only typos, and the ends of DateOnly.</summary>
    public static readonly DateOnly FirstDate = new(1900, 1, 1);

    /// <inheritdoc cref="FirstDate"/>
    public static readonly DateOnly LastDate = new(2999, 12, 31);
}
