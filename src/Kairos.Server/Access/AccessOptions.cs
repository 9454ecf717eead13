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

    /// <summary>Whether Prometheus may scrape /metrics without a token. Off: the metrics name every job.</summary>
    public bool AnonymousMetrics { get; set; }

    /// <summary>Whether a viewer or operator with owners reads only their owners' jobs, runs, logs, slots, approvals and audit entries.</summary>
    public bool OwnerScopedReads { get; set; }

    /// <summary>Send the session cookie over HTTPS only. Leave false only when serving plain HTTP on loopback.</summary>
    public bool SecureCookies { get; set; }

    /// <summary>Shortest password accepted.</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>The longest an API token may live; longer requests are refused.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Whether an admin may make a token that never expires (for automation); nobody else ever may.</summary>
    public bool AllowNonExpiringTokens { get; set; }

    /// <summary>Wrong passwords for one account within <see cref="LockoutWindow"/> that lock it; 0 turns lockout off.</summary>
    public int LockoutFailures { get; set; } = 5;

    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked account refuses every password, the right one included, unless an admin unlocks it.</summary>
    public TimeSpan LockoutPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Addresses of the reverse proxies (ingress) whose X-Forwarded-For, -Proto and -Host are believed.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. 10.0.0.0/8) of such proxies. With neither set, forwarded headers are ignored.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Refuses to start on settings that would make sign-in fail at run time instead.</summary>
    public void EnsureValid()
    {
        if (SignInAttemptsPerMinute < 1) throw new InvalidOperationException("Kairos:Access:SignInAttemptsPerMinute must be at least 1.");
        if (SessionIdle <= TimeSpan.Zero || SessionMax <= TimeSpan.Zero) throw new InvalidOperationException("Kairos:Access:SessionIdle and SessionMax must be above zero.");
        if (MaxTokenLifetime < TimeSpan.FromDays(1) || MaxTokenLifetime > TimeSpan.FromDays(3650))
            throw new InvalidOperationException("Kairos:Access:MaxTokenLifetime must be between 1 day and 3650 days (1.00:00:00 to 3650.00:00:00).");
        if (LockoutFailures < 0 || LockoutWindow <= TimeSpan.Zero || LockoutPeriod <= TimeSpan.Zero)
            throw new InvalidOperationException("Kairos:Access:LockoutFailures must be 0 (off) or more, and LockoutWindow and LockoutPeriod above zero.");
    }
}
