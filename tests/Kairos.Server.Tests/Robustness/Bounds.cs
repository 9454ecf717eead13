using System.Text;

namespace Kairos.Server.Tests.Robustness;

/// <summary>Inputs past every limit, shared by the robustness tests.</summary>
internal static class Bounds
{
    /// <summary>"Billion laughs": about 250 bytes of YAML whose aliases expand to 9^9 scalars.</summary>
    public static readonly string AliasBomb = BuildAliasBomb();

    private static string BuildAliasBomb()
    {
        var yaml = new StringBuilder("id: bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
            yaml.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(",", Enumerable.Repeat("*" + (char)(level - 1), 9))).Append("]\n");
        return yaml.ToString();
    }
}
