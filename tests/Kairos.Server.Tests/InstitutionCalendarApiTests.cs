using System.Net;
using Kairos.Calendars.Client;
using Kairos.Client;
using Kairos.Client.Contracts;
using Kairos.Core.Access;
using Kairos.Server.Hosting;
using Kairos.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kairos.Server.Tests;

/// <summary>Institution calendars through the API and the settings file, queried like the built-in ones.</summary>
public sealed class InstitutionCalendarApiTests : IAsyncLifetime
{
    private static readonly DateOnly FoundationDay = new(2026, 7, 15);
    private static readonly DateOnly LaborDay = new(2026, 5, 1);
    private ServerFixture _server = null!;
    private CalendarClient _calendars = null!;

    private static CalendarDefinitionDto Hana => new("HANA-BANK", "Hana Bank", Base: ["KR-BANK"],
        Add: [new("2026-07-15", "Foundation day", "창립기념일")], Remove: ["2026-05-01"], BusinessDate: new("06:00", "next-business-day"));

    public async Task InitializeAsync()
    {
        _server = await ServerFixture.StartAsync(new Dictionary<string, string>
        {
            // A job file may name a settings-file calendar: the catalog knows those before the job folder is read.
            ["sec.yaml"] = "id: sec-close\nschedule: { cron: '0 9 * * *', calendar: HANA-SEC, days: business-days }\naction: { noop: true }\n",
        }, extraArgs: ["--Kairos:Calendars:Institutions:0:Id", "HANA-SEC", "--Kairos:Calendars:Institutions:0:Base:0", "KRX",
            "--Kairos:Calendars:Institutions:0:Remove:0", "2026-12-31", "--Kairos:Calendars:Institutions:0:Weekend", "sun"]);
        _calendars = new CalendarClient(_server.Http);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Define_ThenEveryQueryOverrideAndImport_WorkAsOnBuiltIns()
    {
        var result = await _calendars.DefineAsync(Hana, "the bank's own calendar");
        Assert.True(result.Applied);
        Assert.Equal((1, "created", "api"), (result.Saved!.Version, result.Saved.Kind, result.Saved.Source));
        Assert.Equal(1, result.Closed);   // against KR-BANK: the foundation day every year would be many; here one date
        Assert.Equal(1, result.Opened);

        var listed = (await _calendars.ListAsync()).Single(c => c.Id == "HANA-BANK");
        Assert.Equal(("institution", "Hana Bank"), (listed.Kind, listed.Description));
        Assert.Equal(["KR-BANK"], listed.Bases!);
        Assert.Equal("built-in", (await _calendars.ListAsync()).Single(c => c.Id == "KR").Kind);

        var foundation = await _calendars.IsBusinessDayAsync("hana-bank", FoundationDay);
        Assert.False(foundation.BusinessDay);
        Assert.Equal("창립기념일", foundation.Holiday!.NameKo);
        Assert.True((await _calendars.IsBusinessDayAsync("HANA-BANK", LaborDay)).BusinessDay);
        Assert.Equal(new DateOnly(2026, 7, 16), (await _calendars.NextAsync("HANA-BANK", new DateOnly(2026, 7, 14))).Date);
        Assert.Equal(new DateOnly(2026, 7, 16), (await _calendars.AddAsync("HANA-BANK", new DateOnly(2026, 7, 14), 1)).Date);
        Assert.Equal(21, (await _calendars.CountAsync("HANA-BANK", new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 1))).BusinessDays); // 23 weekdays less 제헌절 and the foundation day
        Assert.Contains(await _calendars.HolidaysAsync("HANA-BANK", new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31)), h => h.Date == FoundationDay && h.Kind == "closing");
        Assert.False((await _calendars.MonthAsync("HANA-BANK", 2026, 7)).Days.Single(d => d.Date == FoundationDay).BusinessDay);

        // A temporary holiday on KR reaches it; its own override comes last.
        await _calendars.SetDayAsync("KR", new OverrideRequest("2026-12-10", false, "Temporary holiday", "임시공휴일", "cabinet decision", null));
        Assert.False((await _calendars.IsBusinessDayAsync("HANA-BANK", new DateOnly(2026, 12, 10))).BusinessDay);
        await _calendars.SetDayAsync("HANA-BANK", new OverrideRequest("2026-07-15", true, null, null, "foundation day moved", null));
        Assert.True((await _calendars.IsBusinessDayAsync("HANA-BANK", FoundationDay)).BusinessDay);
        Assert.True((await _calendars.MonthAsync("HANA-BANK", 2026, 7)).Days.Single(d => d.Date == FoundationDay).Overridden);

        var import = await _calendars.ImportAsync("HANA-BANK", "date,business_day,name\n2026-08-03,N,창립기념일 대체\n2026-08-04,Y,\n", apply: true, "core-banking.csv", "core-banking table");
        Assert.Equal(new DateOnly(2026, 8, 3), Assert.Single(import.Changes).Date);
        Assert.False((await _calendars.IsBusinessDayAsync("HANA-BANK", new DateOnly(2026, 8, 3))).BusinessDay);
        Assert.True((await _calendars.IsBusinessDayAsync("KR-BANK", new DateOnly(2026, 8, 3))).BusinessDay);
    }

    [Fact]
    public async Task Preview_ChangesNothing_AndCountsTheDays()
    {
        var preview = await _calendars.DefineAsync(Hana with { Weekend = "sun" }, "", preview: true);
        Assert.False(preview.Applied);
        Assert.Null(preview.Saved);
        Assert.True(preview.Opened > 3000);   // every Saturday 1990–2050 that is not a holiday
        Assert.Contains(preview.Changes, c => c.Date == FoundationDay && !c.BusinessDay && c.Name!.Contains("Foundation", StringComparison.Ordinal));
        Assert.DoesNotContain(await _calendars.ListAsync(), c => c.Id == "HANA-BANK");
    }

    [Fact]
    public async Task History_KeepsEveryVersion_WithWhoAndWhy_AndDeletionToo()
    {
        await _calendars.DefineAsync(Hana, "first");
        Assert.Equal(1, (await _calendars.DefineAsync(Hana, "saved again unchanged")).Saved!.Version);
        await _calendars.DefineAsync(Hana with { Remove = [] }, "labor day closed after all");
        Assert.False((await _calendars.IsBusinessDayAsync("HANA-BANK", LaborDay)).BusinessDay);
        var deleted = await _calendars.DeleteDefinitionAsync("HANA-BANK", "merged into KR-BANK");
        Assert.Equal("deleted", deleted.Saved!.Kind);

        var history = await _calendars.DefinitionHistoryAsync("HANA-BANK");
        Assert.Equal([(3, "deleted"), (2, "changed"), (1, "created")], history.Select(v => (v.Version, v.Kind)));
        Assert.Equal(["merged into KR-BANK", "labor day closed after all", "first"], history.Select(v => v.Reason));
        Assert.All(history, v => Assert.StartsWith("tester", v.ChangedBy, StringComparison.Ordinal));
        Assert.Equal(["2026-05-01"], history[2].Definition.Remove!);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<KairosApiException>(() => _calendars.IsBusinessDayAsync("HANA-BANK", LaborDay))).Status);
        using var audit = System.Text.Json.JsonDocument.Parse(await _server.Http.GetStringAsync(new Uri("api/audit?target=calendar:HANA-BANK", UriKind.Relative)));
        Assert.Equal(["calendar.delete-definition", "calendar.define", "calendar.define"], audit.RootElement.EnumerateArray().Select(a => a.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task BadDefinitions_Are400NamingTheField()
    {
        async Task<IReadOnlyDictionary<string, string[]>> Refused(CalendarDefinitionDto d, string reason = "r")
        {
            var e = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.DefineAsync(d, reason));
            Assert.Equal(HttpStatusCode.BadRequest, e.Status);
            return e.Errors;
        }
        Assert.Contains("there is no calendar 'KR-BNK'", (await Refused(Hana with { Base = ["KR-BNK"] }))["base"][0], StringComparison.Ordinal);
        Assert.Contains("'saturday'", (await Refused(Hana with { Weekend = "saturday" }))["weekend"][0], StringComparison.Ordinal);
        Assert.True((await Refused(Hana with { Add = [new("2026-02-30", "x")] })).ContainsKey("add[0].date"));
        Assert.True((await Refused(Hana with { BusinessDate = new("6am") })).ContainsKey("businessDate.newDayAt"));
        Assert.True((await Refused(Hana with { TimeZone = "Mars/Olympus" })).ContainsKey("timeZone"));
        Assert.True((await Refused(Hana, reason: " ")).ContainsKey("reason"));
        Assert.True((await Refused(Hana with { Id = "KRX" })).ContainsKey("id"));

        await _calendars.DefineAsync(new CalendarDefinitionDto("A-CAL", Base: ["KR"]), "a");
        await _calendars.DefineAsync(new CalendarDefinitionDto("B-CAL", Base: ["A-CAL"]), "b");
        var cycle = string.Join(" ", (await Refused(new CalendarDefinitionDto("A-CAL", Base: ["B-CAL"])))["base"]);
        Assert.Matches("circle: (A-CAL → B-CAL → A-CAL|B-CAL → A-CAL → B-CAL)", cycle);
        Assert.Equal(["KR"], (await _calendars.GetDefinitionAsync("A-CAL")).Definition.Base!);
        Assert.All(await _calendars.ListDefinitionsAsync(), d => Assert.Null(d.Problem));
    }

    [Fact]
    public async Task StoredCalendar_WhoseBaseIsGone_IsListedWithItsProblem_NotInForce()
    {
        // As if HANA-SEC had been removed from the settings file at a restart after BRANCH was built on it.
        var store = _server.App.Services.GetRequiredService<Kairos.Core.Ports.IKairosStore>();
        await store.CalendarDefinitions.AppendAsync(new(new Kairos.Calendars.Institutions.CalendarDefinition("BRANCH", ["GONE-CAL"]),
            Kairos.Core.Ports.CalendarDefinitionChangeKind.Created, DateTimeOffset.UtcNow, "someone", "before the file changed"));
        var branch = (await _calendars.ListDefinitionsAsync()).Single(d => d.Calendar == "BRANCH");
        Assert.Contains("there is no calendar 'GONE-CAL'", branch.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(await _calendars.ListAsync(), c => c.Id == "BRANCH");
    }

    [Fact]
    public async Task Delete_WhileAJobOrACalendarUsesIt_Is409()
    {
        await _calendars.DefineAsync(new CalendarDefinitionDto("BRANCH", Base: ["KR-BANK"]), "branches");
        await _calendars.DefineAsync(new CalendarDefinitionDto("BRANCH-SAT", Base: ["BRANCH"], Weekend: "sun"), "saturday branches");
        var job = await _server.Client.PutJobAsync(new JobDefinition { Id = "branch-report", Schedule = new() { Cron = "0 9 * * *", Calendar = "BRANCH-SAT" }, Action = new() { Noop = true } });
        Assert.Equal("BRANCH-SAT", job.Definition.Schedule!.Calendar);

        var asBase = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.DeleteDefinitionAsync("BRANCH", "x"));
        Assert.Equal(HttpStatusCode.Conflict, asBase.Status);
        Assert.Contains("BRANCH-SAT", asBase.Message, StringComparison.Ordinal);
        var byJob = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.DeleteDefinitionAsync("BRANCH-SAT", "x"));
        Assert.Equal(HttpStatusCode.Conflict, byJob.Status);
        Assert.Contains("branch-report", byJob.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsFileCalendar_IsListed_AndNotEditableThroughTheApi()
    {
        var listed = (await _calendars.ListAsync()).Single(c => c.Id == "HANA-SEC");
        Assert.Equal(("institution", "Sunday"), (listed.Kind, listed.Weekend));
        Assert.True((await _calendars.IsBusinessDayAsync("HANA-SEC", new DateOnly(2026, 12, 31))).BusinessDay);   // KRX closes, this one opens
        Assert.True((await _calendars.IsBusinessDayAsync("HANA-SEC", new DateOnly(2026, 11, 28))).BusinessDay);   // its weekend is Sunday only
        Assert.Equal("settings", (await _calendars.GetDefinitionAsync("HANA-SEC")).Source);
        Assert.Contains(await _calendars.ListDefinitionsAsync(), d => d.Calendar == "HANA-SEC");
        Assert.Equal("HANA-SEC", (await _server.Client.GetJobAsync("sec-close")).Definition.Schedule!.Calendar);

        var put = await Assert.ThrowsAsync<KairosApiException>(() => _calendars.DefineAsync(new CalendarDefinitionDto("HANA-SEC", Base: ["KR"]), "take over"));
        Assert.Equal(HttpStatusCode.Conflict, put.Status);
        Assert.Contains("Kairos:Calendars:Institutions", put.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<KairosApiException>(() => _calendars.DeleteDefinitionAsync("HANA-SEC", "x"))).Status);
    }

    [Fact]
    public async Task Define_AsOperator_IsForbidden()
    {
        var operatorCalendars = new CalendarClient(await _server.ClientAsAsync(Role.Operator));
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<KairosApiException>(() => operatorCalendars.DefineAsync(Hana, "x"))).Status);
        Assert.Single(await operatorCalendars.ListDefinitionsAsync());
    }

    [Theory]
    [InlineData("Weekend", "saturday", "calendar BAD-CAL: weekend:")]
    [InlineData("Base:0", "KR-BNK", "calendar BAD-CAL: base: there is no calendar 'KR-BNK'")]
    public void SettingsFile_BadDefinition_RefusesToStart(string field, string value, string expected)
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var args = new List<string> { "--url", "http://127.0.0.1:0", "--data", data, "--Kairos:Calendars:Institutions:0:Id", "BAD-CAL", $"--Kairos:Calendars:Institutions:0:{field}", value };
        if (field != "Base:0") args.AddRange(["--Kairos:Calendars:Institutions:0:Base:0", "KR"]);
        var e = Assert.Throws<StartupRefusal>(() => KairosServer.Build([.. args]));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Kairos:Calendars:Institutions", e.Message, StringComparison.Ordinal);
    }
}
