using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>`kairos cal define / definition / undefine` against a real server process with a settings-file calendar.</summary>
public sealed class InstitutionCalendarCliTests
{
    [Fact]
    public async Task Define_Preview_Apply_Query_History_Undefine()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Path.Combine(data, "jobs");
        Directory.CreateDirectory(jobs);
        await using var server = await Processes.StartServerAsync(jobs, data, "cal-node", null,
            "--Kairos:Calendars:Institutions:0:Id", "HANA-SEC", "--Kairos:Calendars:Institutions:0:Base:0", "KRX");
        var hana = Path.Combine(data, "hana-bank.json");
        await File.WriteAllTextAsync(hana, """{ "id": "HANA-BANK", "name": "Hana Bank", "base": ["KR-BANK"], "add": [{ "date": "2026-07-15", "name": "Foundation day", "nameKo": "창립기념일" }], "remove": ["2026-05-01"] }""");

        var preview = await server.CliAsync("cal", "define", hana, "--preview");
        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("HANA-BANK would close 1 day(s) and open 1", preview.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, (await server.CliAsync("cal", "define", hana)).ExitCode);   // no reason

        var defined = await server.CliAsync("cal", "define", hana, "--reason", "bank calendar");
        Assert.Equal(0, defined.ExitCode);
        Assert.Contains("HANA-BANK is version 1", defined.Stdout, StringComparison.Ordinal);
        Assert.Equal("false", (await server.CliAsync("cal", "is-business-day", "HANA-BANK", "2026-07-15")).Stdout.Trim());
        Assert.Equal("true", (await server.CliAsync("cal", "is-business-day", "HANA-BANK", "2026-05-01")).Stdout.Trim());
        var list = (await server.CliAsync("cal", "list")).Stdout;
        Assert.Contains("[institution calendar on KR-BANK]", list, StringComparison.Ordinal);
        Assert.Contains("[institution calendar on KRX]", list, StringComparison.Ordinal);
        Assert.Contains("HANA-BANK version 1 (created)", (await server.CliAsync("cal", "definition", "HANA-BANK", "--history")).Stdout, StringComparison.Ordinal);

        await File.WriteAllTextAsync(hana, """{ "id": "HANA-BANK", "base": ["KR-BNK"] }""");
        var bad = await server.CliAsync("cal", "define", hana, "--reason", "typo");
        Assert.Equal(4, bad.ExitCode);
        Assert.Contains("base: there is no calendar 'KR-BNK'", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal(4, (await server.CliAsync("cal", "undefine", "HANA-SEC", "--reason", "x")).ExitCode);

        var gone = await server.CliAsync("cal", "undefine", "HANA-BANK", "--reason", "merged");
        Assert.Equal(0, gone.ExitCode);
        Assert.Equal(3, (await server.CliAsync("cal", "is-business-day", "HANA-BANK", "2026-07-15")).ExitCode);
    }
}
