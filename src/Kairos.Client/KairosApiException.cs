using System.Net;

namespace Kairos.Client;

/// <summary>The server refused a request; <see cref="Code"/> is stable for scripts, <c>Message</c> is for people.</summary>
public sealed class KairosApiException : Exception
{
    /// <summary>A refusal with its HTTP status, stable code, message and per-field errors.</summary>
    public KairosApiException(HttpStatusCode status, string code, string message, IReadOnlyDictionary<string, string[]>? errors = null) : base(message)
    {
        Status = status;
        Code = code;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    /// <summary>An unknown error.</summary>
    public KairosApiException() : this(HttpStatusCode.InternalServerError, "unknown", "unknown error") { }

    /// <summary>An error with a message.</summary>
    public KairosApiException(string message) : this(HttpStatusCode.InternalServerError, "unknown", message) { }

    /// <summary>An error with a message and its cause.</summary>
    public KairosApiException(string message, Exception innerException) : base(message, innerException)
    {
        Code = "unknown";
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>Machine-readable: not-found, validation, conflict, unavailable...</summary>
    public string Code { get; }

    /// <summary>Field → messages, for validation problems.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
