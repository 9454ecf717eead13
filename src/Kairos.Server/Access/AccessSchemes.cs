namespace Kairos.Server.Access;

/// <summary>
/// Two ways in: a session cookie for the console, a bearer token for the CLI and automation. The selector picks one per
/// request, so an endpoint needs to say only which role it wants.
/// </summary>
public static class AccessSchemes
{
    public const string Selector = "Kairos";
    public const string Session = "Session";
    public const string Token = "Token";
    public const string SessionCookie = "kairos.session";
    public const string CsrfCookie = "kairos.csrf";
    public const string CsrfHeader = "X-CSRF-Token";
}

/// <summary>Authorization policies, one per role plus the ones settings may open to anonymous callers.</summary>
public static class AccessPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string CalendarRead = "calendar-read";
    public const string Metrics = "metrics";
}
