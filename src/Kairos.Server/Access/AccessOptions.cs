namespace Kairos.Server.Access;

/// <summary>Sign-in and session settings, from the "Kairos:Access" configuration section.</summary>
public sealed class AccessOptions
{
    /// <summary>A console session ends after this long without a request.</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A console session ends this long after sign-in, however active.</summary>
    public TimeSpan SessionMax { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Sign-in and token requests allowed per client address per minute; the rest get 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Whether calendar reads need no sign-in: the calendar service is shared by every microservice, which should not
    /// each need a token to ask whether a day is a business day. Changing a calendar always needs an admin.
    /// </summary>
    public bool AnonymousCalendarRead { get; set; } = true;

    /// <summary>Whether Prometheus may scrape /metrics without a token.</summary>
    public bool AnonymousMetrics { get; set; } = true;

    /// <summary>Send the session cookie over HTTPS only. Leave false only when serving plain HTTP on loopback.</summary>
    public bool SecureCookies { get; set; }

    /// <summary>Shortest password accepted.</summary>
    public int MinimumPasswordLength { get; set; } = 12;
}
