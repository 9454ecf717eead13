namespace Kairos.Server;

/// <summary>Every refusal is a ProblemDetails with a stable machine-readable <c>code</c> and a message for people.</summary>
internal static class Problems
{
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: ApiText.Get("Title.NotFound"), detail: what, extensions: Code("not-found"));

    public static IResult Conflict(string why) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: ApiText.Get("Title.Refused"), detail: why, extensions: Code("conflict"));

    public static IResult Forbidden(string why) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: ApiText.Get("Title.Forbidden"), detail: why, extensions: Code("forbidden"));

    public static IResult Unauthenticated(string why) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: ApiText.Get("Title.Unauthenticated"), detail: why, extensions: Code("unauthenticated"));

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: ApiText.Get("Title.Invalid"), detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), extensions: Code("validation"));

    public static IResult TooLarge(string why) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: ApiText.Get("Title.Invalid"), detail: why, extensions: Code("too-large"));

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Validation errors as the validators give them, one (field, message) each; a field's messages are grouped.</summary>
    public static IResult Invalid(IEnumerable<(string Field, string Message)> errors) =>
        Invalid(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };

    /// <summary>Problems made by the framework (401, 403, 429 …) get a code too, so a client can always switch on it.</summary>
    public static void AddStatusCode(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.ContainsKey("code")) return;
        context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
        {
            401 => "unauthenticated",
            403 => "forbidden",
            404 => "not-found",
            405 => "method-not-allowed",
            413 => "too-large",
            429 => "rate-limited",
            >= 500 => "server-error",
            _ => "error",
        };
        if (context.ProblemDetails.Status == 401) context.ProblemDetails.Detail ??= ApiText.Get("Access.SignInNeeded");
        if (context.ProblemDetails.Status == 403) context.ProblemDetails.Detail ??= ApiText.Get("Access.RoleNeeded");
        if (context.ProblemDetails.Status == 429) context.ProblemDetails.Detail ??= ApiText.Get("Access.TooManyAttempts");
    }
}
