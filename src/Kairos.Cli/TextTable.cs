namespace Kairos.Cli;

/// <summary>
/// Left-aligned columns for a terminal; the last column is never padded. Widths count terminal cells, so that Hangul
/// and other wide characters (two cells each) keep the columns straight.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>A table whose headers are one resource text, columns separated by '|'.</summary>
    public static TextTable Titled(string key, params object?[] args) => new(CliText.Get(key, args).Split('|'));

    public void Add(params string?[] cells) => _rows.Add(cells.Select(c => c ?? "").ToArray());

    public void Print(TextWriter writer)
    {
        var all = new List<string[]> { headers };
        all.AddRange(_rows);
        var widths = headers.Select((_, i) => all.Max(r => i < r.Length ? Cells(r[i]) : 0)).ToArray();
        foreach (var row in all)
            writer.WriteLine(string.Join("  ", row.Select((c, i) => i == row.Length - 1 ? c : Pad(c, widths[i]))).TrimEnd());
    }

    /// <summary><paramref name="text"/> followed by spaces up to <paramref name="cells"/> terminal cells.</summary>
    public static string Pad(string text, int cells) => text + new string(' ', Math.Max(0, cells - Cells(text)));

    /// <summary>Terminal cells <paramref name="text"/> takes: two for East Asian wide characters, one otherwise.</summary>
    public static int Cells(string text)
    {
        var cells = 0;
        foreach (var rune in text.EnumerateRunes()) cells += IsWide(rune.Value) ? 2 : 1;
        return cells;
    }

    // The wide ranges of Unicode's East Asian Width that Korean text meets: Hangul Jamo, CJK symbols and ideographs,
    // Hangul syllables, compatibility ideographs, full-width forms.
    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0x303E or >= 0x3041 and <= 0x33FF or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF or >= 0xA960 and <= 0xA97F or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD;
}
