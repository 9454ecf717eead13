using Kairos.Cli.Keda;
using YamlDotNet.RepresentationModel;

namespace Kairos.Cli.Tests.Keda;

public class KedaManifestTests
{
    // The goldens are what the string-built manifest printed for these inputs; the typed one must mean the same.
    [Theory]
    [InlineData("plain.golden.yaml", false, "kafka-0.kafka:9092,kafka-1.kafka:9092")]
    [InlineData("floor.golden.yaml", true, "kafka:9092")]
    public void Render_OrdinaryNames_MeansWhatTheStringBuiltManifestMeant(string golden, bool floor, string bootstrap)
    {
        var consumer = Consumers.Named("fx-rates", "fx.rates", "kairos-fx-rates", floor ? Consumers.Floor : null);
        var rendered = KedaManifest.Render(consumer, "kairos:1.4", "batch", bootstrap);
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Keda", golden));
        Assert.Equal(YamlTree.Canonical(expected), YamlTree.Canonical(rendered));
    }

    [Theory]
    [InlineData("a: b")]
    [InlineData("x # not a comment")]
    [InlineData("it's")]
    [InlineData("say \"hi\"")]
    [InlineData("{ injected: true }")]
    [InlineData("- item")]
    [InlineData("line\nbreak: yes")]
    [InlineData("007")]
    [InlineData("true")]
    public void Render_YamlSpecialCharacters_RoundTripAsValues(string weird)
    {
        var consumer = Consumers.Named("c" + weird, "t" + weird, weird, Consumers.Floor with { TimeZone = weird });
        var docs = Documents(KedaManifest.Render(consumer, "img" + weird, "ns" + weird, weird));

        Assert.Equal(2, docs.Count);
        var (deployment, scaled) = (docs[0], docs[1]);
        Assert.Equal("kairos-worker-c" + weird, At(deployment, "metadata", "name"));
        Assert.Equal("ns" + weird, At(deployment, "metadata", "namespace"));
        Assert.Equal("c" + weird, At(deployment, "metadata", "labels", "app.kubernetes.io/instance"));
        var container = (YamlMappingNode)((YamlSequenceNode)Node(deployment, "spec", "template", "spec", "containers")).Children[0];
        Assert.Equal("img" + weird, At(container, "image"));
        Assert.Equal("c" + weird, YamlTree.Scalar((YamlScalarNode)((YamlSequenceNode)Node(container, "command")).Children[2]));
        Assert.Equal(weird, At((YamlMappingNode)((YamlSequenceNode)Node(container, "env")).Children[0], "value"));

        var triggers = (YamlSequenceNode)Node(scaled, "spec", "triggers");
        Assert.Equal(2, triggers.Children.Count);
        var kafka = (YamlMappingNode)triggers.Children[0];
        Assert.Equal("kafka", At(kafka, "type"));
        Assert.Equal(weird, At(kafka, "metadata", "consumerGroup"));
        Assert.Equal("t" + weird, At(kafka, "metadata", "topic"));
        Assert.Equal(weird, At(kafka, "metadata", "bootstrapServers"));
        Assert.Equal(weird, At((YamlMappingNode)triggers.Children[1], "metadata", "timezone"));
        Assert.Equal("kairos-worker-c" + weird, At(scaled, "spec", "scaleTargetRef", "name"));
    }

    [Fact]
    public void Render_ScalerMetadata_IsQuotedStrings()
    {
        var rendered = KedaManifest.Render(Consumers.Named("fx", "fx", "fx", Consumers.Floor), "kairos", "default", "kafka:9092");
        var triggers = (YamlSequenceNode)Node(Documents(rendered)[1], "spec", "triggers");
        foreach (var trigger in triggers.Children.Cast<YamlMappingNode>())
        {
            foreach (var (_, value) in ((YamlMappingNode)Node(trigger, "metadata")).Children)
            {
                var scalar = (YamlScalarNode)value;
                Assert.True(YamlTree.Scalar(scalar) is string, $"'{scalar.Value}' would not be read as a string");
            }
        }
    }

    private static List<YamlMappingNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode Node(YamlMappingNode map, params string[] path)
    {
        YamlNode node = map;
        foreach (var key in path) node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return node;
    }

    // The value as Kubernetes reads it: a plain 007 or true is a number or boolean, not the string that was meant.
    private static object? At(YamlMappingNode map, params string[] path) => YamlTree.Scalar((YamlScalarNode)Node(map, path));
}
