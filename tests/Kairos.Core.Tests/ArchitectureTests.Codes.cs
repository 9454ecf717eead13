namespace Kairos.Core.Tests;

/// <summary>Core speaks in codes: it has no texts of its own and never asks for the reader's language.</summary>
public partial class ArchitectureTests
{
    [Fact]
    public void Core_HasNoTextsAndNoUiCulture()
    {
        var core = Path.Combine(Root, "src", "Kairos.Core");
        var files = Directory.EnumerateFiles(core, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(files.Where(f => f.EndsWith(".resx", StringComparison.Ordinal)).Select(f => Path.GetRelativePath(Root, f)));
        Assert.Empty(files.Where(f => f.EndsWith(".cs", StringComparison.Ordinal) && File.ReadAllText(f).Contains("CurrentUICulture", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Root, f)));
    }
}
