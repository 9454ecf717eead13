namespace Kairos.Server.Api;

/// <summary>Every refusal is a ProblemDetails with a stable machine-readable <c>code</c> and a message for people.</summary>
internal static class Problems
{
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: ApiText.Get("Title.NotFound"), detail: what, extensions: Code("not-found"));

    public static IResult Conflict(string why) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: ApiText.Get("Title.Refused"), detail: why, extensions: Code("conflict"));

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: ApiText.Get("Title.Invalid"), detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")), extensions: Code("validation"));

    public static IResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}
