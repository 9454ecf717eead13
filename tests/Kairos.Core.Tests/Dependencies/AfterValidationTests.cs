using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Core.Dependencies;
using Kairos.Core.Jobs;
using Kairos.Definitions;

namespace Kairos.Core.Tests.Dependencies;

/// <summary>A job's after and waitUntil, each entry on its own: what is refused, at which field, and what a valid list becomes.</summary>
public sealed class AfterValidationTests
{
    private static (Job? Job, IReadOnlyList<(string Field, string Message)> Errors) Validate(List<AfterDefinition>? after, string? waitUntil = null) =>
        new JobValidator(BuiltInCalendars.Default).Validate(new JobDefinition
        {
            Id = "gl-report",
            Action = new ActionDefinition { Noop = true },
            After = after,
            WaitUntil = waitUntil,
        });

    private static (string Field, string Message) SingleError(List<AfterDefinition>? after, string? waitUntil = null)
    {
        var (job, errors) = Validate(after, waitUntil);
        Assert.Null(job);
        return Assert.Single(errors);
    }

    [Fact]
    public void FullExample_BecomesTheDependenciesAsWritten()
    {
        var (job, errors) = Validate(
        [
            new() { Job = "extract-ledger" },
            new() { Job = "fx-close", State = "finished" },
            new() { Job = "gl-post", BusinessDate = "previous", IfClosed = "ignore" },
            new() { Job = "gl-post", IfClosed = "wait" },
            new() { Condition = "core-eod-file" },
            new() { Condition = "core-eod-file", BusinessDate = "previous" },
        ], "2h");

        Assert.Empty(errors);
        Assert.Equal(
        [
            Dependency.OnJob("extract-ledger"),
            Dependency.OnJob("fx-close", UpstreamState.Finished),
            Dependency.OnJob("gl-post", date: DependencyDate.Previous, ifClosed: ClosedUpstream.Ignore),
            Dependency.OnJob("gl-post", ifClosed: ClosedUpstream.Wait),
            Dependency.OnCondition("core-eod-file"),
            Dependency.OnCondition("core-eod-file", DependencyDate.Previous),
        ], job!.After);
        Assert.Equal(new WaitLimit(For: TimeSpan.FromHours(2)), job.WaitUntil);
        Assert.True(job.HasDependencies);
    }

    [Fact]
    public void WaitUntil_WithAColon_IsAWallClockTime_NotSevenHours()
    {
        var (job, errors) = Validate([new() { Job = "a" }], "07:00");
        Assert.Empty(errors);
        Assert.Equal(new WaitLimit(At: new TimeOnly(7, 0)), job!.WaitUntil);
    }

    [Fact]
    public void NoAfter_NoDependencies()
    {
        var (job, errors) = Validate(null);
        Assert.Empty(errors);
        Assert.Null(job!.After);
        Assert.False(job.HasDependencies);
    }

    [Fact]
    public void BothOrNeither_OfJobAndCondition_IsRefusedAtTheEntry()
    {
        var (_, errors) = Validate([new() { Job = "a", Condition = "c" }, new() { State = "finished" }]);
        Assert.Equal(["after[0]", "after[1]"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Contains("exactly one of job and condition", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void UpstreamId_MustBeAJobId() =>
        Assert.Equal("after[0].job", SingleError([new() { Job = "gl post!" }]).Field);

    [Fact]
    public void AJob_CannotRunAfterItself()
    {
        var error = SingleError([new() { Job = "b" }, new() { Job = "gl-report" }]);
        Assert.Equal("after[1].job", error.Field);
        Assert.Contains("after itself", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Core-EOD")]
    [InlineData("-eod")]
    [InlineData("eod file")]
    [InlineData("eod/file")]
    public void ConditionName_SaysWhichCharactersAreAllowed(string name)
    {
        var error = SingleError([new() { Condition = name }]);
        Assert.Equal("after[0].condition", error.Field);
        Assert.Contains("lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionName_AtMost100()
    {
        Assert.Empty(Validate([new() { Condition = new string('a', 100) }]).Errors);
        Assert.Equal("after[0].condition", SingleError([new() { Condition = new string('a', 101) }]).Field);
    }

    [Theory]
    [InlineData("state", "done", "succeeded, finished")]
    [InlineData("businessDate", "yesterday", "same, previous")]
    [InlineData("ifClosed", "skip", "previous, ignore, wait")]
    public void Choices_AreKebabCaseNames(string field, string value, string known)
    {
        var entry = new AfterDefinition { Job = "a" };
        typeof(AfterDefinition).GetProperty(char.ToUpperInvariant(field[0]) + field[1..])!.SetValue(entry, value);
        var error = SingleError([entry]);
        Assert.Equal($"after[0].{field}", error.Field);
        Assert.Contains(known, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IfClosedAndState_OnlyWithAJob()
    {
        var (_, errors) = Validate([new() { Condition = "eod", IfClosed = "ignore" }, new() { Condition = "fx", State = "finished" }]);
        Assert.Equal(["after[0].ifClosed", "after[1].state"], errors.Select(e => e.Field));
    }

    [Fact]
    public void TheSameUpstreamForTheSameDate_Twice_IsRefused_ButAnotherDateIsNot()
    {
        var (_, errors) = Validate(
        [
            new() { Job = "a" },
            new() { Job = "a", BusinessDate = "previous" },
            new() { Job = "a", State = "finished" },
            new() { Condition = "eod" },
            new() { Condition = "eod", BusinessDate = "same" },
        ]);
        Assert.Equal(["after[2].job", "after[4].condition"], errors.Select(e => e.Field));
        Assert.Contains("after[0]", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("after[3]", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyEntries_Refused() =>
        Assert.Equal("after", SingleError(Enumerable.Range(0, JobLimits.AfterCount + 1).Select(i => new AfterDefinition { Job = $"j{i}" }).ToList()).Field);

    [Theory]
    [InlineData("soon")]
    [InlineData("7:00")]
    [InlineData("25:00")]
    [InlineData("07:00:00")]
    public void WaitUntil_NeitherDurationNorTime(string text)
    {
        var error = SingleError([new() { Job = "a" }], text);
        Assert.Equal("waitUntil", error.Field);
        Assert.Contains("neither a duration", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8d", "longer than")]
    [InlineData("0s", "above zero")]
    public void WaitUntil_IsBoundedLikeOtherDurations(string text, string message)
    {
        var error = SingleError([new() { Job = "a" }], text);
        Assert.Equal("waitUntil", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(Validate([new() { Job = "a" }], "7d").Errors);
    }

    [Fact]
    public void WaitUntil_WithoutAfter_IsRefused()
    {
        Assert.Equal("waitUntil", SingleError(null, "2h").Field);
        Assert.Equal("waitUntil", SingleError([], "2h").Field);
    }
}
