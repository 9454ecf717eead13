namespace Kairos.Cli;

/// <summary>Left-aligned columns for a terminal; the last column is never padded.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string?[] cells) => _rows.Add(cells.Select(c => c ?? "").ToArray());

    public void Print(TextWriter writer)
    {
        var all = new List<string[]> { headers };
        all.AddRange(_rows);
        var widths = headers.Select((_, i) => all.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        foreach (var row in all)
            writer.WriteLine(string.Join("  ", row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }
}
