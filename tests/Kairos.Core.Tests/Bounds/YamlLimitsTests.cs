using System.Text;
using Kairos.Definitions;

namespace Kairos.Core.Tests.Bounds;

/// <summary>YAML that costs far more to load than its size (alias bombs, deep nesting, huge files) is refused unread.</summary>
public class YamlLimitsTests
{
    /// <summary>"Billion laughs": nine levels of nine aliases, about 250 bytes that expand to 9^9 scalars.</summary>
    internal static string AliasBomb()
    {
        var yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + previous, 9))).Append("]\n");
        }
        return yaml.ToString();
    }

    [Fact]
    public void Parse_AliasBomb_RefusedWithoutExpanding()
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var document = Assert.Single(YamlJobFile.Parse(AliasBomb(), "bomb.yaml"));
        Assert.Contains("*name", document.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("bomb.yaml", document.Error.File);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 50_000_000, "the check itself must not expand the aliases");
    }

    [Fact]
    public void Parse_FewAliases_StillAllowed()
    {
        var yaml = "id: anchors\nschedule: { cron: '0 9 * * *' }\naction:\n  command:\n    argv: &argv [echo, hi]\n    env:\n      A: &x one\n      B: *x\n";
        Assert.Null(Assert.Single(YamlJobFile.Parse(yaml, "a.yaml")).Error);
    }

    [Fact]
    public void Parse_DeepNesting_Refused()
    {
        var yaml = "id: deep\ndescription: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var document = Assert.Single(YamlJobFile.Parse(yaml, "deep.yaml"));
        Assert.Contains("64", document.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, document.Error.Line);
    }

    [Fact]
    public void Parse_TextOverOneMegabyte_Refused()
    {
        var yaml = "id: big\ndescription: " + new string('x', YamlLimits.MaxChars) + "\n";
        Assert.Contains("1048576", Assert.Single(YamlJobFile.Parse(yaml, "big.yaml")).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOverOneMegabyte_RefusedBeforeReading()
    {
        var (job, errors) = JobDefinitionTests.Load("id: big\ndescription: " + new string('x', YamlLimits.MaxChars) + "\naction: { noop: true }\n");
        Assert.Null(job);
        Assert.Contains("1048576", Assert.Single(errors).Message, StringComparison.Ordinal);
    }
}
