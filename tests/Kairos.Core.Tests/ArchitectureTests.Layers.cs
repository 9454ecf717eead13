using System.Xml.Linq;

namespace Kairos.Core.Tests;

/// <summary>The project references are exactly the arrows of docs/architecture.md's picture ("Layers: who may call whom").</summary>
public partial class ArchitectureTests
{
    private static readonly Dictionary<string, string[]> Layers = new()
    {
        ["Kairos.Cron"] = [],
        ["Kairos.Calendars"] = [],
        ["Kairos.Core"] = ["Kairos.Calendars", "Kairos.Cron"],
        ["Kairos.Client"] = [],
        ["Kairos.Calendars.Client"] = ["Kairos.Calendars", "Kairos.Client"],
        ["Kairos.Definitions"] = ["Kairos.Client", "Kairos.Core"],
        ["Kairos.Executors"] = ["Kairos.Core"],
        ["Kairos.Kafka"] = ["Kairos.Executors"],
        ["Kairos.Scheduling"] = ["Kairos.Core", "Kairos.Definitions"],
        ["Kairos.Store.Sql"] = ["Kairos.Core"],
        ["Kairos.Store.Sqlite"] = ["Kairos.Store.Sql"],
        ["Kairos.Store.Postgres"] = ["Kairos.Store.Sql"],
        ["Kairos.Cli"] = ["Kairos.Calendars.Client", "Kairos.Client", "Kairos.Definitions"],
        ["Kairos.Consumers.Worker"] = ["Kairos.Calendars", "Kairos.Kafka", "Kairos.Store.Postgres", "Kairos.Store.Sqlite"],
        // The worker only so that kairos-worker is built and copied beside the server, which starts it.
        ["Kairos.Server"] = ["Kairos.Calendars.Client", "Kairos.Consumers.Worker", "Kairos.Executors", "Kairos.Kafka", "Kairos.Scheduling", "Kairos.Store.Postgres", "Kairos.Store.Sqlite"],
    };

    [Fact]
    public void ProjectReferences_FollowTheLayers()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => XDocument.Load(p).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(Layers.Keys.Order(StringComparer.Ordinal), projects.Keys.Order(StringComparer.Ordinal));
        foreach (var (project, references) in projects)
            Assert.True(Layers[project].SequenceEqual(references), $"{project} references {string.Join(", ", references)}; the layers allow {string.Join(", ", Layers[project])}");
    }
}
