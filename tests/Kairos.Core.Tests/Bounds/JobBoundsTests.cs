using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Definitions;

namespace Kairos.Core.Tests.Bounds;

/// <summary>Durations and texts beyond the documented maxima are refused at validation, with file, line and field.</summary>
public class JobBoundsTests
{
    private const string Head = "id: bounded\nschedule: { cron: '0 9 * * *' }\naction: { noop: true }\n";

    [Theory]
    [InlineData("99999999999d")]
    [InlineData("10675199d")]
    [InlineData("10675200d1ms")]
    [InlineData("1e400d")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999d")]
    [InlineData("99999999:00:00")]
    [InlineData("1.5")]
    [InlineData("")]
    public void TryParse_AnyInput_NeverThrows(string text)
    {
        var parsed = Durations.TryParse(text, out var value);
        Assert.True(parsed ? value >= TimeSpan.Zero : value == TimeSpan.Zero);
    }

    [Fact]
    public void TryParse_PastTheLargestTimeSpan_SaysOverflow()
    {
        Assert.False(Durations.TryParse("99999999999d", out _, out var overflow));
        Assert.True(overflow);
        Assert.True(Durations.TryParse("1m30s", out var value, out overflow));
        Assert.False(overflow);
        Assert.Equal(TimeSpan.FromSeconds(90), value);
    }

    [Theory]
    [InlineData("timeout: 100d\n", "timeout", 4, "7d")]
    [InlineData("timeout: 99999999999d\n", "timeout", 4, "7d")]
    [InlineData("sla: { maxDuration: 10675199d }\n", "sla.maxDuration", 4, "31d")]
    [InlineData("sla:\n  startWithin: 32d\n", "sla.startWithin", 5, "31d")]
    [InlineData("retries:\n  count: 3\n  backoff: 10675199d\n", "retries.backoff", 6, "1d")]
    [InlineData("retries: { count: 3, maxBackoff: 2d }\n", "retries.maxBackoff", 4, "1d")]
    [InlineData("misfire: { catchupWindow: 367d }\n", "misfire.catchupWindow", 4, "366d")]
    public void Load_DurationAboveItsMaximum_ErrorNamesFileLineAndField(string tail, string field, int line, string maximum)
    {
        var (job, errors) = JobDefinitionTests.Load(Head + tail);
        Assert.Null(job);
        var error = Assert.Single(errors);
        Assert.Equal(("a.yaml", line, field), (Path.GetFileName(error.File), error.Line, error.Field));
        Assert.Contains(maximum, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EveryDurationAtItsMaximum_Accepted()
    {
        var (job, errors) = JobDefinitionTests.Load(Head + "timeout: 7d\nretries: { count: 100, backoff: 1d, maxBackoff: 1d }\n"
            + "sla: { startWithin: 31d, maxDuration: 31d }\nmisfire: { catchupWindow: 366d }\n");
        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromDays(7), job!.Timeout);
    }

    [Fact]
    public void Load_KillGraceAboveAnHour_Refused()
    {
        var (_, errors) = JobDefinitionTests.Load("id: g\naction:\n  command: { argv: [sh, -c, 'true'], killGrace: 2h }\n");
        Assert.Equal("action.command.killGrace", Assert.Single(errors).Field);
    }

    [Fact]
    public void Load_OwnerDescriptionAndLabelsTooLong_EachNamed()
    {
        var yaml = Head + $"owner: {new string('o', 101)}\ndescription: {new string('d', 2001)}\ntags: [{string.Join(", ", Enumerable.Range(0, 51))}]\n";
        var (_, errors) = JobDefinitionTests.Load(yaml);
        Assert.Equal(["description", "owner", "tags"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_WithoutFileInspection_DoesNotLookForTheProgramOrFolder()
    {
        var definition = new JobDefinition
        {
            Id = "probe",
            Action = new ActionDefinition { Command = new CommandDefinition { Argv = ["/no/such/program"], WorkingDirectory = "/no/such/folder" } },
        };
        Assert.Equal(2, new JobValidator(BuiltInCalendars.Default).Validate(definition).Errors.Count);
        var (job, errors) = new JobValidator(BuiltInCalendars.Default, inspectFiles: false).Validate(definition);
        Assert.Empty(errors);
        Assert.NotNull(job);
    }
}
