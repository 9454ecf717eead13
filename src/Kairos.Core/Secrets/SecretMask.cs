namespace Kairos.Core.Secrets;

/// <summary>
/// Replaces known secret values in output lines with <see cref="Redaction.Mask"/>, as CI systems mask their secrets in
/// build logs. Output is stored line by line, so a multi-line value (a PEM key) is masked line by line. Pieces shorter
/// than <see cref="MinimumLength"/> are left alone: masking every "1" or "ok" would ruin the log and hide nothing.
/// </summary>
public sealed class SecretMask
{
    public const int MinimumLength = 4;

    public static readonly SecretMask None = new([]);

    private readonly string[] _pieces;

    public SecretMask(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        // Longest first, so a value that contains another is masked whole.
        _pieces = [.. values.SelectMany(v => v.Split('\n')).Select(p => p.TrimEnd('\r')).Where(p => p.Trim().Length >= MinimumLength)
            .Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length)];
    }

    public bool IsEmpty => _pieces.Length == 0;

    public string Apply(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var piece in _pieces) line = line.Replace(piece, Redaction.Mask, StringComparison.Ordinal);
        return line;
    }
}
