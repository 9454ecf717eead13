using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>`kairos cal` as a process, against the hand-compiled holiday lists and against a running server.</summary>
public class CalendarCliTests
{
    private static List<string> Reference(string file, Func<DateOnly, bool> keep) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => DateOnly.ParseExact(l.Split(',')[0], "yyyy-MM-dd"))
            .Where(keep).Distinct().Order().Select(d => d.ToString("yyyy-MM-dd")).ToList();

    private static bool Weekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static List<string> Dates(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')[0]).ToList();

    [Fact]
    public async Task Holidays_KR_2013To2026_MatchTheOfficialList()
    {
        var (code, stdout, _) = await Processes.CliAsync("cal", "holidays", "KR", "--from", "2013-01-01", "--to", "2026-12-31", "--format", "csv", "--local");
        Assert.Equal(0, code);
        Assert.Equal(Reference("kr-public-holidays-2013-2026.csv", Weekday), Dates(stdout));
        Assert.All(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(@"^\d{4}-\d{2}-\d{2},[^,]+$", line));
    }

    [Fact]
    public async Task Holidays_KRX_2015To2026_MatchTheExchangeList()
    {
        var (code, stdout, _) = await Processes.CliAsync("cal", "holidays", "KRX", "--from", "2015-01-01", "--to", "2026-12-31", "--format", "csv", "--local");
        Assert.Equal(0, code);
        var expected = Reference("kr-public-holidays-2013-2026.csv", d => Weekday(d) && d.Year >= 2015)
            .Concat(Reference("krx-extra-closing-days-2015-2026.csv", _ => true)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Dates(stdout));
    }

    [Theory]
    [InlineData("KR", "2026-09-25", "false")]
    [InlineData("KR", "2025-05-01", "true")] // 근로자의 날 closed banks only, until 2025
    [InlineData("KR-BANK", "2025-05-01", "false")]
    [InlineData("KR", "2026-05-01", "false")] // 노동절, a public holiday from 2026
    [InlineData("KRX", "2026-12-31", "false")]
    public async Task IsBusinessDay_PrintsTrueOrFalse(string calendar, string date, string expected)
    {
        var (code, stdout, _) = await Processes.CliAsync("cal", "is-business-day", calendar, date, "--local");
        Assert.Equal(0, code);
        Assert.Equal(expected, stdout.Trim());
    }

    [Fact]
    public async Task Add_PrintsTheResultingDate_AndBadInputFailsClearly()
    {
        Assert.Equal("2026-09-28", (await Processes.CliAsync("cal", "add", "KR", "2026-09-23", "1", "--local")).Stdout.Trim());
        Assert.Equal("2026-09-23", (await Processes.CliAsync("cal", "add", "KR", "2026-09-28", "-1", "--local")).Stdout.Trim());

        var badDate = await Processes.CliAsync("cal", "add", "KR", "2026-02-30", "1", "--local");
        Assert.Equal(2, badDate.ExitCode);
        Assert.Contains("'2026-02-30' is not a date", badDate.Stderr, StringComparison.Ordinal);
        var unknown = await Processes.CliAsync("cal", "is-business-day", "NYSE", "2026-01-02", "--local");
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("KR-BANK", unknown.Stderr, StringComparison.Ordinal);
        Assert.Empty(unknown.Stdout);
    }

    [Fact]
    public async Task AgainstAServer_OverridesAndImportsAreSeen_AndABadTableChangesNothing()
    {
        var folder = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Directory.CreateDirectory(Path.Combine(folder, "jobs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(jobs, "settle.yaml"), "id: settle\nschedule: { cron: '0 9 * * *', calendar: KR-BANK, days: business-days }\naction: { noop: true }\n");
        await using var server = await Processes.StartServerAsync(jobs, folder, "cal-node");
        var url = server.Address.ToString();

        var unasked = await server.CliAsync("cal", "override", "KR", "2026-12-10", "--closed", "--name-ko", "임시공휴일", "--reason", "cabinet decision");
        Assert.Equal(2, unasked.ExitCode); // no terminal to confirm on, and no --yes: nothing changes
        Assert.Contains("--yes", unasked.Stderr, StringComparison.Ordinal);
        Assert.Contains("2026-12-10 open -> closed", unasked.Stdout, StringComparison.Ordinal);
        Assert.Equal("true", (await server.CliAsync("cal", "is-business-day", "KR", "2026-12-10")).Stdout.Trim());
        var set = await server.CliAsync("cal", "override", "KR", "2026-12-10", "--closed", "--name-ko", "임시공휴일", "--reason", "cabinet decision", "--yes");
        Assert.Equal(0, set.ExitCode);
        Assert.Equal("false", (await server.CliAsync("cal", "is-business-day", "KRX", "2026-12-10")).Stdout.Trim());
        Assert.Equal("2026-12-11", (await server.CliAsync("cal", "add", "KR", "2026-12-09", "1")).Stdout.Trim());
        var look = await server.CliAsync("cal", "revert", "KR", "2026-12-10", "--reason", "withdrawn", "--preview");
        Assert.Equal(0, look.ExitCode);
        Assert.Contains("2026-12-10 closed -> open", look.Stdout, StringComparison.Ordinal);
        Assert.Equal("false", (await server.CliAsync("cal", "is-business-day", "KR", "2026-12-10")).Stdout.Trim());

        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "2026-12-14,N,창립기념일\n2026-12-15,X,?\n");
        var refused = await server.CliAsync("cal", "import", "KR-BANK", bad, "--apply");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("bad.csv:2: business_day", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("true", (await server.CliAsync("cal", "is-business-day", "KR-BANK", "2026-12-14")).Stdout.Trim());

        var good = Path.Combine(folder, "good.csv");
        await File.WriteAllTextAsync(good, "date,business_day,name\n2026-12-14,N,창립기념일\n");
        var preview = await server.CliAsync("cal", "import", "KR-BANK", good);
        Assert.Contains("Preview only", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-12-14 open -> closed", preview.Stdout, StringComparison.Ordinal);
        if (new DateTimeOffset(2026, 12, 14, 0, 0, 0, TimeSpan.FromHours(9)) - DateTimeOffset.UtcNow < TimeSpan.FromDays(89))
        {
            Assert.Matches(@"settle\s+1\s+0\s+0", preview.Stdout);
            Assert.Matches(@"TOTAL\s+1\s+0\s+0", preview.Stdout);
            Assert.Contains("--details", preview.Stdout, StringComparison.Ordinal);
            var listed = await server.CliAsync("cal", "import", "KR-BANK", good, "--details");
            Assert.Contains("disappears settle 2026-12-14 09:00:00", listed.Stdout, StringComparison.Ordinal);
        }
        Assert.Equal("true", (await server.CliAsync("cal", "is-business-day", "KR-BANK", "2026-12-14")).Stdout.Trim());
        Assert.Equal(0, (await server.CliAsync("cal", "import", "KR-BANK", good, "--apply")).ExitCode);
        Assert.Equal("false", (await server.CliAsync("cal", "is-business-day", "KR-BANK", "2026-12-14")).Stdout.Trim());

        var history = await server.CliAsync("cal", "history", "KR-BANK");
        Assert.Contains("import:good.csv", history.Stdout, StringComparison.Ordinal);

        // KRX is built on KR-BANK and KR: it lists their overrides as inherited, and its days name the layer that closed them.
        var krx = (await server.CliAsync("cal", "overrides", "KRX")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, krx.Length);
        Assert.EndsWith("(inherited from KR)", krx[0], StringComparison.Ordinal);
        Assert.EndsWith("(inherited from KR-BANK)", krx[1], StringComparison.Ordinal);
        var month = (await server.CliAsync("cal", "month", "KRX", "2026-12")).Stdout;
        Assert.Contains("창립기념일  (closed by KR-BANK (override))", month, StringComparison.Ordinal);
        Assert.Contains("Year-end market closing  (closed by KRX)", month, StringComparison.Ordinal);
        Assert.Contains("override(s) + 2 inherited", (await server.CliAsync("cal", "list")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holidays_Text_NamesTheLayerThatClosedEachDay()
    {
        var (code, stdout, _) = await Processes.CliAsync("cal", "holidays", "KRX", "--from", "2025-05-01", "--to", "2025-12-31", "--local");
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("Labor Day  (closed by KR-BANK)", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("Christmas Day  (closed by KR)", lines[^2], StringComparison.Ordinal);
        Assert.EndsWith("Year-end market closing  (closed by KRX)", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_FollowsLang_ForHolidayNamesAndServerMessages()
    {
        var folder = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Directory.CreateDirectory(Path.Combine(folder, "jobs")).FullName;
        await using var server = await Processes.StartServerAsync(jobs, folder, "lang-node");
        var url = server.Address.ToString();
        var korean = new Dictionary<string, string> { ["LANG"] = "ko_KR.UTF-8", ["LC_ALL"] = "" };
        var english = new Dictionary<string, string> { ["LANG"] = "en_US.UTF-8", ["LC_ALL"] = "" };

        var ko = await server.CliAsync(korean, "cal", "holidays", "KR", "--from", "2026-09-24", "--to", "2026-10-05", "--format", "csv");
        var en = await server.CliAsync(english, "cal", "holidays", "KR", "--from", "2026-09-24", "--to", "2026-10-05", "--format", "csv");
        Assert.Equal("2026-09-24,추석\n2026-09-25,추석\n2026-10-05,대체공휴일(개천절)\n", ko.Stdout);
        Assert.Equal("2026-09-24,Day before Chuseok\n2026-09-25,Chuseok\n2026-10-05,Substitute holiday (National Foundation Day)\n", en.Stdout);

        var missingKo = await server.CliAsync(korean, "explain", "no-such-job");
        var missingEn = await server.CliAsync(english, "explain", "no-such-job");
        Assert.Equal(3, missingKo.ExitCode);
        Assert.Equal(3, missingEn.ExitCode);
        Assert.Contains("'no-such-job' 잡이 없습니다", missingKo.Stderr, StringComparison.Ordinal);
        Assert.Contains("There is no job 'no-such-job'", missingEn.Stderr, StringComparison.Ordinal);
        Assert.Contains("잡이 없습니다", (await server.CliAsync(english, "explain", "no-such-job", "--lang", "ko")).Stderr, StringComparison.Ordinal);
    }
}
