using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Jobs;
using Kairos.Definitions;

namespace Kairos.Core.Tests.Dependencies;

/// <summary>The setCondition action, as YAML and as an API definition: what it becomes and what is refused where.</summary>
public sealed class SetConditionActionTests
{
    private static (Job? Job, IReadOnlyList<(string Field, string Message)> Errors) Validate(ActionDefinition action) =>
        new JobValidator(BuiltInCalendars.Default).Validate(new JobDefinition { Id = "eod-file-arrived", Action = action });

    [Fact]
    public void FromYaml_WithATrigger_BecomesTheAction()
    {
        var document = Assert.Single(YamlJobFile.Parse(
            "id: eod-file-arrived\ntrigger: { topic: core.eod, headers: { kind: eod-file } }\naction: { setCondition: { name: core-eod-file } }\n", "eod.yaml"));
        var (job, errors) = new JobValidator(BuiltInCalendars.Default).Validate(document.Definition!);
        Assert.Empty(errors);
        Assert.Equal(new SetConditionAction("core-eod-file"), job!.Action);
    }

    [Theory]
    [InlineData("Core EOD")]
    [InlineData("")]
    [InlineData(null)]
    public void ABadName_IsRefusedAtItsField(string? name)
    {
        var (job, errors) = Validate(new ActionDefinition { SetCondition = new SetConditionDefinition { Name = name } });
        Assert.Null(job);
        Assert.Equal("action.setCondition.name", Assert.Single(errors).Field);
    }

    [Fact]
    public void WithAnotherAction_TheActionIsRefused()
    {
        var (_, errors) = Validate(new ActionDefinition { Noop = true, SetCondition = new SetConditionDefinition { Name = "x" } });
        var error = Assert.Single(errors);
        Assert.Equal("action", error.Field);
        Assert.Contains("setCondition", error.Message, StringComparison.Ordinal);
    }
}
