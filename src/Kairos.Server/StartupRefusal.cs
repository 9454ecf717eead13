namespace Kairos.Server;

/// <summary>
/// A setting that makes starting unsafe or impossible. The server prints its message, which says what to change and
/// where, and exits; an operator sees the sentence, not a stack trace.
/// </summary>
public sealed class StartupRefusal(string message) : InvalidOperationException(message);
