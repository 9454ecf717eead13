using System.Globalization;
using System.Text;

namespace Kairos.Cli;

/// <summary>
/// Text from a run (its output, written by whatever the job ran) made safe to print on a terminal: control characters
/// would otherwise be obeyed by it (move the cursor, recolour, retitle the window, hide lines). Tabs and newlines stay as they are;
/// every other control or bidirectional-formatting character is shown as a visible escape such as <c>\x1B</c>.
/// </summary>
internal static class TerminalText
{
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape)) return text;
        var shown = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (!NeedsEscape(c)) shown.Append(c);
            else if (c <= '\u00FF') shown.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            else shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }
        return shown.ToString();
    }

    // Carriage returns are escaped too: they would let a line overwrite what was printed before it.
    private static bool NeedsEscape(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n'))
        || c is >= '\u200E' and <= '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
