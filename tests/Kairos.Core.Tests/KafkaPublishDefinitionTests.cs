using Kairos.Core.Jobs;
using Kairos.Definitions;

namespace Kairos.Core.Tests;

public sealed class KafkaPublishDefinitionTests
{
    private const string Valid = """
        id: fx-requests
        action:
          kafkaPublish:
            topic: fx.requests
            partner: bank
            key: "{{item.pair}}"
            headers: { source: "kairos-{{jobId}}" }
            template: '{"pair":"{{item.pair}}","date":"{{businessDate}}"}'
            items:
              - { pair: USDKRW }
              - { pair: JPYKRW }
        """;

    private static (Job? Job, List<JobDefinitionError> Errors) Load(string yaml) => JobDefinitionTests.Load(yaml);

    [Fact]
    public void Load_Valid_MapsTopicPartnerKeyHeadersAndItems()
    {
        var (job, errors) = Load(Valid);
        Assert.Empty(errors);
        var action = Assert.IsType<KafkaPublishAction>(job!.Action);
        Assert.Equal(("fx.requests", "bank", "{{item.pair}}", "kairos-{{jobId}}"), (action.Topic, action.Partner, action.KeyTemplate, action.Headers["source"]));
        var source = Assert.IsType<TemplateMessages>(action.Source);
        Assert.Equal(["USDKRW", "JPYKRW"], source.Items.Select(i => i.Fields["pair"]));
    }

    [Fact]
    public void Load_FromCommand_IsACommandSource()
    {
        var (job, errors) = Load("id: x\naction:\n  kafkaPublish:\n    topic: t\n    fromCommand: { argv: [echo, '{\"value\":1}'] }\n");
        Assert.Empty(errors);
        Assert.Equal(["echo", "{\"value\":1}"], Assert.IsType<CommandMessages>(Assert.IsType<KafkaPublishAction>(job!.Action).Source).Command.Argv);
    }

    [Theory]
    [InlineData("    topic: fx.requests\n", "    topic: fx requests\n", 4, "action.kafkaPublish.topic", "is not a Kafka topic name")]
    [InlineData("      - { pair: JPYKRW }", "      - { pear: JPYKRW }", 8, "action.kafkaPublish.template", "{{item.pair}} has no value for element 2")]
    [InlineData("    key: \"{{item.pair}}\"", "    key: \"{{item.pair}\"", 6, "action.kafkaPublish.key", "is not closed")]
    [InlineData("kairos-{{jobId}}", "kairos-{{job}}", 7, "action.kafkaPublish.headers.source", "{{job}} has no value")]
    [InlineData("    partner: bank\n", "    partner: bank\n    fromCommand: { argv: [echo] }\n", 3, "action.kafkaPublish", "exactly one of template (with over or items) and fromCommand")]
    [InlineData("    partner: bank\n", "    partner: bank\n    over: [a]\n", 3, "action.kafkaPublish", "has both over and items")]
    [InlineData("    partner: bank\n", "    partner: bank\n    rate: 5\n", 6, "action.kafkaPublish.rate", "unknown field 'rate'")]
    public void Load_Broken_ErrorNamesLineAndField(string find, string replace, int line, string field, string message)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var (job, errors) = Load(Valid.Replace(find, replace, StringComparison.Ordinal));
        Assert.Null(job);
        // One error per field: a bad element can break the key's template as well as the value's, and both are told.
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
