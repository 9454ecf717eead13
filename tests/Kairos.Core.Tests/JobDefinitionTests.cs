using Kairos.Calendars;
using Kairos.Core.Jobs;
using Kairos.Definitions;

namespace Kairos.Core.Tests;

public class JobDefinitionTests
{
    private const string Valid = """
        id: fx-rates
        description: Publish FX rates
        owner: fx-team
        schedule:
          cron: "0 */5 9-15 * * MON-FRI"
          calendar: WEEKDAYS
          days: business-days
        action:
          command:
            argv: [echo, hello]
        timeout: 30s
        retries: { count: 2, backoff: 5s }
        overlap: replace
        misfire: { policy: run-all, catchupWindow: 1h }
        """;

    private static IReadOnlyList<YamlJobFile.Document> Parse(string yaml) => YamlJobFile.Parse(yaml, "jobs.yaml");

    /// <summary>Loads one job file from a fresh folder, as the server does.</summary>
    internal static (Job? Job, List<JobDefinitionError> Errors) Load(string yaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kairos-defs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.yaml"), yaml);
        var result = JobFolder.Load(folder, BuiltInCalendars.Default);
        Directory.Delete(folder, true);
        return (result.Jobs.SingleOrDefault()?.Job, result.Errors.ToList());
    }

    [Fact]
    public void Load_Valid_AllFieldsMapped()
    {
        var (job, errors) = Load(Valid);
        Assert.Empty(errors);
        Assert.NotNull(job);
        Assert.Equal("fx-rates", job.Id);
        Assert.Equal(TimeSpan.FromSeconds(30), job.Timeout);
        Assert.Equal(OverlapPolicy.Replace, job.Overlap);
        Assert.Equal(MisfireMode.RunAll, job.Misfire.Mode);
        Assert.Equal(2, job.Retry.Count);
        Assert.Equal("Asia/Seoul", job.Schedule!.Zone.Id);
        Assert.Equal(["echo", "hello"], ((CommandAction)job.Action).Argv);
        Assert.Null(job.Sla);
    }

    [Fact]
    public void Load_Sla_ParsedIntoDurationsAndALocalTime()
    {
        var (job, errors) = Load(Valid + "\nsla: { startWithin: 90s, finishBy: '18:30', maxDuration: 2h }\n");
        Assert.Empty(errors);
        Assert.Equal(new Sla(TimeSpan.FromSeconds(90), new TimeOnly(18, 30), TimeSpan.FromHours(2)), job!.Sla);
    }

    [Theory]
    [InlineData("cron: \"0 */5 9-15 * * MON-FRI\"", "cron: \"0 */5 25 * * MON-FRI\"", 5, "schedule.cron", "hour field")]
    [InlineData("calendar: WEEKDAYS", "calendar: MARS", 6, "schedule.calendar", "unknown calendar 'MARS'")]
    [InlineData("timeout: 30s", "timeout: soon", 11, "timeout", "not a duration")]
    [InlineData("overlap: replace", "overlap: sometimes", 13, "overlap", "forbid, allow, replace")]
    [InlineData("owner: fx-team", "owner: fx-team\ntimezone: Asia/Seoul", 4, "timezone", "unknown field 'timezone'")]
    [InlineData("  command:", "  commnd:", 9, "action.commnd", "unknown field 'commnd'")]
    [InlineData("overlap: replace", "overlap: replace\nsla: { startWithin: 30s, maxDuraton: 1m }", 14, "sla.maxDuraton", "unknown field 'maxDuraton'")] // a flow mapping: the field the error names, not its neighbour
    [InlineData("overlap: replace", "overlap: replace\nsla: { finishBy: '25:00' }", 14, "sla.finishBy", "not a time HH:mm")]
    [InlineData("overlap: replace", "overlap: replace\nsla: {}", 14, "sla", "needs at least one of")]
    public void Load_Broken_ErrorNamesLineAndField(string find, string replace, int line, string field, string message)
    {
        var (job, errors) = Load(Valid.Replace(find, replace, StringComparison.Ordinal));
        Assert.Null(job);
        // One problem each, except a misspelt "command", which also leaves the action without one (both are listed).
        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Equal(field == "action.commnd" ? 2 : 1, errors.Count);
        Assert.Equal("a.yaml", Path.GetFileName(error.File));
        Assert.Equal(line, error.Line);
        Assert.Contains(field, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownFieldsAndOtherProblems_EveryOneListed_InEveryDocument()
    {
        // Two misspelt fields, one at the top and one inside a flow mapping, beside a bad calendar and a bad timeout;
        // and a second document with a bad overlap: every problem is listed, each with its line.
        var text = Valid
            .Replace("owner: fx-team", "owner: fx-team\ntimezone: Asia/Seoul", StringComparison.Ordinal)
            .Replace("calendar: WEEKDAYS", "calendar: MARS", StringComparison.Ordinal)
            .Replace("timeout: 30s", "timeout: soon", StringComparison.Ordinal)
            .Replace("retries: { count: 2, backoff: 5s }", "retries: { count: 2, bakoff: 5s }", StringComparison.Ordinal)
            + "\n---\nid: second\noverlap: sometimes\naction: { noop: true }\n";
        var (job, errors) = Load(text);
        Assert.Null(job);
        var found = errors.Select(e => (e.Field, e.Line)).ToList();
        Assert.Contains(("timezone", 4), found);
        Assert.Contains(("retries.bakoff", 13), found);
        Assert.Contains(("schedule.calendar", 7), found);
        Assert.Contains(("timeout", 12), found);
        Assert.Contains(errors, e => e.Field == "overlap" && e.Message.Contains("forbid, allow, replace", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ProgramThatDoesNotExist_ErrorNamesItAndTheLine()
    {
        var (job, errors) = Load(Valid.Replace("argv: [echo, hello]", "argv: [no-such-program-kairos, hello]", StringComparison.Ordinal));
        Assert.Null(job);
        var error = Assert.Single(errors);
        Assert.Equal("action.command.argv", error.Field);
        Assert.Equal(10, error.Line);
        Assert.Contains("'no-such-program-kairos' is not on PATH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotYaml_OneErrorWithLine()
    {
        var doc = Assert.Single(Parse("id: a\nschedule: [unclosed\n"));
        Assert.NotNull(doc.Error);
        Assert.Contains("not valid YAML", doc.Error.Message, StringComparison.Ordinal);
        Assert.NotNull(doc.Error.Line);
    }

    [Fact]
    public void Validate_EverythingWrong_AllErrorsReported()
    {
        var (job, errors) = new JobValidator(BuiltInCalendars.Default).Validate(new Client.Contracts.JobDefinition
        {
            Id = "bad id!",
            Schedule = new() { Cron = "* *", TimeZone = "Nowhere/City", Days = "business-days" },
            Timeout = "x",
        });
        Assert.Null(job);
        Assert.Equal(["id", "schedule.cron", "schedule.timeZone", "schedule.days", "action", "timeout"], errors.Select(e => e.Field));
    }

    [Fact]
    public void LoadFolder_DuplicateIdAndOneBadFile_OthersStillLoad()
    {
        var folder = Path.Combine(Path.GetTempPath(), "kairos-defs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.yaml"), "id: a\naction: { noop: true }\n---\nid: b\naction: { noop: true }\n");
        File.WriteAllText(Path.Combine(folder, "b.yml"), "id: a\naction: { noop: true }\n");
        File.WriteAllText(Path.Combine(folder, "c.yaml"), "id: [\n");
        var result = JobFolder.Load(folder, BuiltInCalendars.Default);
        Directory.Delete(folder, true);
        Assert.Equal(["a", "b"], result.Jobs.Select(j => j.Job.Id));
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains("duplicate job id 'a'", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("c.yaml", result.Errors[1].File, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("00:00:05", 5_000)]
    public void Durations_Parse(string text, int ms)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(ms, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("s5")]
    public void Durations_Invalid(string text) => Assert.False(Durations.TryParse(text, out _));
}
