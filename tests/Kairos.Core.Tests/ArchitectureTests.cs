using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kairos.Core.Tests;

/// <summary>Rules the compiler does not enforce: the clock is injected, async void is absent, pure projects stay pure.</summary>
public partial class ArchitectureTests
{
    private static readonly string Root = FindRoot();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void Sources_NeverReadTheClockDirectly()
    {
        var offenders = SourceFiles().Where(f => BannedClock().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(Root, f)).ToList();
        Assert.True(SourceFiles().Count() > 50);
        Assert.Empty(offenders);
    }

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

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow)\b")]
    private static partial Regex BannedClock();

    [GeneratedRegex(@"\basync\s+void\b")]
    private static partial Regex AsyncVoid();

    [GeneratedRegex(@"\b(File|Directory|Process|HttpClient|Socket|Console)\.")]
    private static partial Regex IoApi();
}

/// <summary>Every text exists in every language: a key in one .resx file and not in its translation fails the build's tests.</summary>
public class ResourceParityTests
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

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
}
