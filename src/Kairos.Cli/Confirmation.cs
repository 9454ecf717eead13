namespace Kairos.Cli;

/// <summary>An operator's answer to a yes/no question on the terminal.</summary>
internal static class Confirmation
{
    // y/yes, and 예/네 for a Korean terminal; anything else is a no.
    public static bool Given(string? answer) => answer?.Trim().ToLowerInvariant() is "y" or "yes" or "예" or "네" or "ㅇ";
}
