using System.Globalization;
using Kairos.Core.Ports;

namespace Kairos.Executors;

/// <summary>
/// An attempt's <c>exit</c> file, written by kairos-supervise as its last act: <c>exit CODE</c>, <c>signal SIGNO</c>,
/// <c>nostart TEXT</c>, or <c>orphaned SECONDS exit|signal N</c>.
/// </summary>
internal sealed record ExitRecord(string Kind, int Value, string Text, int? OrphanedAfterSeconds = null)
{
    /// <summary>The exit code as a shell reports it: 128 + the signal's number for a command a signal ended.</summary>
    public int? ExitCode => Kind switch { "exit" => Value, "signal" => 128 + Value, _ => null };

    public static ExitRecord? Parse(string text)
    {
        var line = text.TrimEnd('\n');
        var parts = line.Split(' ', 2);
        if (parts[0] == "nostart") return new ExitRecord("nostart", 127, parts.Length > 1 ? parts[1] : "cannot start the command");
        if (parts[0] == "orphaned")
        {
            var rest = parts.Length > 1 ? parts[1].Split(' ', 2) : [];
            return rest.Length == 2 && Number(rest[0]) is { } seconds && Parse(rest[1]) is { OrphanedAfterSeconds: null } ending
                ? ending with { OrphanedAfterSeconds = seconds }
                : null;
        }
        return parts is ["exit" or "signal", var value] && Number(value) is { } number ? new ExitRecord(parts[0], number, "") : null;
    }

    /// <param name="stopped">Whether a node asked the command to stop (kill, timeout, shutdown).</param>
    public ActionOutcome ToOutcome(bool stopped)
    {
        if (Kind == "nostart") return new ActionOutcome(false, Text);
        var code = ExitCode!.Value;
        var ending = Kind == "signal" ? $"exit code {code} (killed by signal {Value})" : $"exit code {code}";
        if (OrphanedAfterSeconds is { } seconds) return new ActionOutcome(false, $"stopped by its supervisor: node gone for {seconds}s; {ending}", code);
        if (stopped) return new ActionOutcome(false, $"stopped; exit code {code}", code);
        return new ActionOutcome(code == 0, ending, code);
    }

    private static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
