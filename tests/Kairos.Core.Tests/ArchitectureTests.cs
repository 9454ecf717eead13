using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kairos.Core.Tests;

/// <summary>Rules the compiler does not enforce: the clock is injected (ArchitectureTests.Clock.cs), async void is absent, pure projects stay pure.</summary>
public partial class ArchitectureTests
{
    private static readonly string Root = FindRoot();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void Sources_HaveNoAsyncVoid()
    {
        Assert.Empty(SourceFiles().Where(f => AsyncVoid().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(Root, f)));
    }

    [Theory]
    [InlineData("Kairos.Cron", new string[0])]
    [InlineData("Kairos.Calendars", new string[0])]
    [InlineData("Kairos.Core", new[] { "Kairos.Calendars", "Kairos.Cron" })]
    public void PureProjects_ReferenceNoPackagesAndOnlyPureProjects(string project, string[] allowed)
    {
        var csproj = XDocument.Load(Path.Combine(Root, "src", project, project + ".csproj"));
        Assert.Empty(csproj.Descendants("PackageReference"));
        var references = csproj.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).Order();
        Assert.Equal(allowed, references);
    }

    [Fact]
    public void PureProjects_UseNoFileNetworkOrProcessApis()
    {
        var pure = new[] { "Kairos.Cron", "Kairos.Calendars", "Kairos.Core" }
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, "src", p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.Empty(pure.Where(f => IoApi().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(Root, f)));
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kairos.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [GeneratedRegex(@"\basync\s+void\b")]
    private static partial Regex AsyncVoid();

    [GeneratedRegex(@"\b(File|Directory|Process|HttpClient|Socket|Console)\.")]
    private static partial Regex IoApi();
}

/// <summary>Every text exists in every language: a key in one .resx file and not in its translation fails the build's tests.</summary>
public partial class ResourceParityTests
{
    [Fact]
    public void EveryResourceKey_ExistsInEveryLanguage()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Kairos.slnx"))) root = root.Parent!;
        var files = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        var neutral = files.Where(f => Path.GetFileNameWithoutExtension(f).Split('.').Length == 1).ToList();
        Assert.NotEmpty(neutral);
        foreach (var file in neutral)
        {
            var baseName = Path.GetFileNameWithoutExtension(file);
            var translations = files.Where(f => Path.GetDirectoryName(f) == Path.GetDirectoryName(file) && Path.GetFileName(f).StartsWith(baseName + ".", StringComparison.Ordinal)).ToList();
            Assert.Contains(translations, t => t.EndsWith(".ko.resx", StringComparison.Ordinal));
            var keys = Keys(file);
            foreach (var translation in translations)
            {
                var other = Keys(translation);
                Assert.True(keys.SetEquals(other),
                    $"{Path.GetFileName(translation)} differs from {Path.GetFileName(file)}: only in the neutral file: {string.Join(", ", keys.Except(other))}; only in the translation: {string.Join(", ", other.Except(keys))}");
            }
        }
    }

    /// <summary>A translation that drops or adds a {0} shows the wrong value, or throws when it is formatted.</summary>
    [Fact]
    public void EveryTranslation_KeepsThePlaceholdersOfItsText()
    {
        var problems = new List<string>();
        foreach (var translation in ResourceFiles().Where(f => Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal)))
        {
            var neutral = Texts(Path.Combine(Path.GetDirectoryName(translation)!, Path.GetFileName(translation).Split('.')[0] + ".resx"));
            foreach (var (key, text) in Texts(translation))
                if (neutral.TryGetValue(key, out var original) && !Placeholders(original).SetEquals(Placeholders(text)))
                    problems.Add($"{Path.GetFileName(translation)} {key}: {{{string.Join(",", Placeholders(text))}}} where the original has {{{string.Join(",", Placeholders(original))}}}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// A key the code asks for and no .resx holds fails only when that text is shown, perhaps at 2 a.m.: every string
    /// literal handed to a text reader (directly or as a ?: branch), shaped like a key of that project's resources, must be one of them.
    /// </summary>
    [Fact]
    public void EveryTextKeyTheCodeAsksFor_Exists()
    {
        var missing = new List<string>();
        var checkedKeys = 0;
        foreach (var project in Directory.EnumerateDirectories(Path.Combine(RepoRoot(), "src")))
        {
            var keys = ResourceFiles().Where(f => f.StartsWith(project + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.GetFileNameWithoutExtension(f).Contains('.', StringComparison.Ordinal))
                .SelectMany(f => Texts(f).Keys).ToHashSet(StringComparer.Ordinal);
            if (keys.Count == 0) continue;
            var firstSegments = keys.Select(k => k.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (!TextRead().IsMatch(lines[i])) continue;
                    foreach (Match literal in KeyLiteral().Matches(lines[i]))
                    {
                        var key = literal.Groups[1].Value;
                        if (!firstSegments.Contains(key.Split('.')[0])) continue;
                        checkedKeys++;
                        var known = key.EndsWith('.') ? keys.Any(k => k.StartsWith(key, StringComparison.Ordinal)) : keys.Contains(key);
                        if (!known) missing.Add($"{Path.GetRelativePath(RepoRoot(), file)}:{i + 1}: '{key}'");
                    }
                }
            }
        }
        Assert.True(checkedKeys > 300, $"only {checkedKeys} keys found in the code: the scan no longer sees how texts are read");
        Assert.True(missing.Count == 0, "keys with no text: " + string.Join("; ", missing));
    }

    private static string RepoRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Kairos.slnx"))) root = root.Parent!;
        return root.FullName;
    }

    private static List<string> ResourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();

    private static Dictionary<string, string> Texts(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "", StringComparer.Ordinal);

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text.Replace("{{", "", StringComparison.Ordinal)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(\d+)")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"Text\.(Get|State|Reason)\(|Titled\(")]
    private static partial Regex TextRead();

    // A key-shaped literal given to the reader itself or as a branch of a ?: inside it, not a field name beside it.
    [GeneratedRegex(@"(?:(?:Get|State|Reason|Titled)\(\s*|\?\s*|:\s*)""([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9-]+)+\.?)""")]
    private static partial Regex KeyLiteral();
}
