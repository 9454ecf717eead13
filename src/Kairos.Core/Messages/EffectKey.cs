using System.Globalization;
using System.Text;
using Kairos.Core.Runs;

namespace Kairos.Core.Messages;

/// <summary>
/// Names a run's effects by what they are for rather than by the run that makes them, so a retry, a node's restart
/// after kill -9 and an operator's rerun of the same occasion all produce the same names, and a receiver that
/// remembers names (a consumer's inbox, a partner honouring Idempotency-Key) sees each effect once. The occasion is
/// the job with, in this order: the message that triggered the run, its slot, its business date, and only when there
/// is none of these, the run itself. Pure.
/// </summary>
public sealed record EffectKey
{
    private EffectKey(string occasion) => Occasion = occasion;

    /// <summary>Such as <c>fx-requests@2026-11-23T00:00:00Z</c> or <c>fx-requests@2026-11-23</c>.</summary>
    public string Occasion { get; }

    /// <param name="origin">The run whose occasion counts: for a rerun, the first run of its chain (<see cref="Run.RerunOf"/>).</param>
    /// <param name="triggerMessageId">The id of the message that triggered <paramref name="origin"/>, for an event run.</param>
    public static EffectKey For(Run origin, string? triggerMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var when = triggerMessageId is { Length: > 0 } id ? "message:" + id
            : origin.SlotTime is { } slot ? slot.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture)
            : origin.BusinessDate is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "run:" + origin.Id.ToString(CultureInfo.InvariantCulture);
        return new EffectKey($"{origin.JobId}@{when}");
    }

    /// <summary>The id of the <paramref name="index"/>th (from 0) message of the occasion: its correlation id.</summary>
    public string MessageId(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return $"{Occasion}#{(index + 1).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// The <c>Idempotency-Key</c> header's value: a Structured Fields string (quoted, printable ASCII), as the IETF
    /// httpapi draft requires; other characters are percent-encoded first.
    /// </summary>
    public string IdempotencyKey()
    {
        var text = new StringBuilder("\"", Occasion.Length + 2);
        foreach (var rune in Occasion.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\') text.Append('\\').Append((char)rune.Value);
            else if (rune.Value is >= 0x20 and <= 0x7E && rune.Value != '%') text.Append((char)rune.Value);
            else text.Append(Uri.EscapeDataString(rune.ToString()));
        }
        return text.Append('"').ToString();
    }
}
