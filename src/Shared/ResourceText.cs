using System.Globalization;
using System.Reflection;
using System.Resources;

namespace Kairos;

/// <summary>
/// The texts of one .resx file and its translations, in the current UI culture. Compiled into each project that has
/// texts of its own (linked, not referenced), so that pure libraries need no extra dependency. A missing key throws,
/// naming it, rather than show a blank; ResourceParityTests keeps keys and translations complete.
/// </summary>
internal sealed class ResourceText(string baseName, Assembly assembly)
{
    private readonly ResourceManager _resources = new(baseName, assembly);

    /// <summary>The text of <paramref name="key"/>, its {0}, {1}… filled with <paramref name="args"/> (numbers as invariant digits).</summary>
    public string Get(string key, params object?[] args)
    {
        var text = Find(key) ?? throw new KeyNotFoundException($"no text '{key}' in {baseName}");
        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    /// <summary>The text of <paramref name="key"/>, or null when there is none (for codes that may have no words).</summary>
    public string? Find(string key) => Find(key, CultureInfo.CurrentUICulture);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/>, or null when there is none.</summary>
    public string? Find(string key, CultureInfo culture) => _resources.GetString(key, culture);
}
