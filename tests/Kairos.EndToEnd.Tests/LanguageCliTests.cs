using Kairos.Testing;

namespace Kairos.EndToEnd.Tests;

/// <summary>The same commands under LANG=ko_KR.UTF-8 and LANG=en_US.UTF-8: every text in the chosen language, the same exit codes.</summary>
public class LanguageCliTests
{
    private static readonly Dictionary<string, string> Korean = new() { ["LANG"] = "ko_KR.UTF-8", ["LC_ALL"] = "", ["LC_MESSAGES"] = "" };
    private static readonly Dictionary<string, string> English = new() { ["LANG"] = "en_US.UTF-8", ["LC_ALL"] = "", ["LC_MESSAGES"] = "" };

    [Fact]
    public async Task Validate_NamesTheSameFileLineAndField_InEachLanguage()
    {
        var folder = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.yaml"),
            "id: settle\nschedule:\n  cron: \"60 9 * * *\"\n  timeZone: Mars/Base\naction:\n  noop: true\ntimeout: 0s\n");

        var ko = await Processes.CliAsync(Korean, "validate", folder);
        var en = await Processes.CliAsync(English, "validate", folder);

        Assert.Equal((1, 1), (ko.ExitCode, en.ExitCode));
        Assert.Contains("bad.yaml:3: schedule.cron: 분 필드 '60': 60은(는) 0~59 범위를 벗어납니다.", ko.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:4: schedule.timeZone: 알 수 없는 시간대 'Mars/Base'", ko.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:7: timeout: 0보다 커야 합니다", ko.Stderr, StringComparison.Ordinal);
        Assert.Contains("문제 3건, 잡 0개 정상", ko.Stdout, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:3: schedule.cron: The minute field '60' has 60, outside 0-59.", en.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:4: schedule.timeZone: unknown time zone 'Mars/Base'", en.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:7: timeout: must be above zero", en.Stderr, StringComparison.Ordinal);
        Assert.Contains("3 problem(s); 0 job(s) valid", en.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch("[가-힣]", en.Stdout + en.Stderr);
    }

    [Fact]
    public async Task HelpAndUsageErrors_FollowLang_AndLangOptionWins()
    {
        var ko = await Processes.CliAsync(Korean, "--help");
        var en = await Processes.CliAsync(English, "--help");
        Assert.Equal((0, 0), (ko.ExitCode, en.ExitCode));
        Assert.Contains("잡 목록: 스케줄, 소유자, 보류 여부", ko.Stdout, StringComparison.Ordinal);
        Assert.Contains("도움말과 사용법 보기", ko.Stdout, StringComparison.Ordinal);
        Assert.Contains("List jobs with schedule, owner and held state", en.Stdout, StringComparison.Ordinal);
        Assert.Contains("List jobs", (await Processes.CliAsync(Korean, "--lang", "en", "--help")).Stdout, StringComparison.Ordinal);
        Assert.Contains("잡 목록", (await Processes.CliAsync(English, "--help", "--lang=ko")).Stdout, StringComparison.Ordinal);

        var koUsage = await Processes.CliAsync(Korean, "runs", "--bogus");
        var enUsage = await Processes.CliAsync(English, "runs", "--bogus");
        Assert.Equal((2, 2), (koUsage.ExitCode, enUsage.ExitCode));
        Assert.Contains("'kairos --help'로 사용법을 확인하세요.", koUsage.Stderr, StringComparison.Ordinal);
        Assert.Contains("Try 'kairos --help'.", enUsage.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerCommands_PrintTablesAndSentencesInEachLanguage_WithColumnsStraight()
    {
        var folder = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var jobs = Directory.CreateDirectory(Path.Combine(folder, "jobs")).FullName;
        await File.WriteAllTextAsync(Path.Combine(jobs, "settle.yaml"),
            "id: settle\nowner: treasury\nschedule:\n  cron: \"0 9 * * *\"\n  calendar: KR-BANK\n  days: business-days\naction:\n  noop: true\n");
        await using var server = await Processes.StartServerAsync(jobs, folder, "lang-cli-node");

        var ko = await server.CliAsync(Korean, "jobs");
        var en = await server.CliAsync(English, "jobs");
        Assert.Equal((0, 0), (ko.ExitCode, en.ExitCode));
        var koLines = ko.Stdout.Split('\n');
        // "잡" is two terminal cells wide: padded to "settle"'s six, the owner column starts at the same cell in both lines.
        Assert.StartsWith("잡      소유자    동작  상태  스케줄", koLines[0], StringComparison.Ordinal);
        Assert.StartsWith("settle  treasury  noop  활성  ", koLines[1], StringComparison.Ordinal);
        Assert.StartsWith("JOB     OWNER     ACTION  STATE   SCHEDULE", en.Stdout, StringComparison.Ordinal);
        Assert.Contains("settle  treasury  noop    active  ", en.Stdout, StringComparison.Ordinal);

        var koHold = await server.CliAsync(Korean, "hold", "settle", "--reason", "점검");
        var enRelease = await server.CliAsync(English, "release", "settle", "--reason", "done");
        Assert.Equal("settle을(를) 보류했습니다", koHold.Stdout.Trim());
        Assert.Equal("settle is released", enRelease.Stdout.Trim());

        var koExplain = await server.CliAsync(Korean, "explain", "settle", "--next", "7");
        var enExplain = await server.CliAsync(English, "explain", "settle", "--next", "7");
        Assert.Contains("다음 슬롯:", koExplain.Stdout, StringComparison.Ordinal);
        Assert.Contains("최근 실행 (시각은 KST):", koExplain.Stdout, StringComparison.Ordinal);
        // Seven days always include a weekend: the reason and the server's planner detail, both in Korean.
        Assert.Matches("영업일 아님: [0-9-]+은\\(는\\) KR-BANK의 영업일이 아닙니다: (토|일)요일", koExplain.Stdout);
        Assert.Contains("KR-BANK 기준 영업일", koExplain.Stdout, StringComparison.Ordinal);
        Assert.Contains("Next slots:", enExplain.Stdout, StringComparison.Ordinal);
        Assert.Matches("not-business-day: [0-9-]+ is not a business day on KR-BANK: (Saturday|Sunday)", enExplain.Stdout);
        Assert.Contains("business days of KR-BANK", enExplain.Stdout, StringComparison.Ordinal);

        var koMissing = await server.CliAsync(Korean, "trigger", "nobody", "--reason", "x");
        Assert.Equal(3, koMissing.ExitCode);
        Assert.Contains("'nobody' 잡이 없습니다", koMissing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdministration_FollowsLang()
    {
        var data = Path.GetDirectoryName(TestServers.NewSqlitePath())!;
        var ko = await Processes.ServerCommandAsync(Korean, "short\n", "users", "add", "kim", "--role", "viewer", "--password-stdin", "--data", data);
        var en = await Processes.ServerCommandAsync(English, "", "users", "token", "nobody", "--data", data);
        Assert.Equal((4, 3), (ko.ExitCode, en.ExitCode));
        Assert.Contains("password: ", ko.Stderr, StringComparison.Ordinal);
        Assert.Matches("[가-힣]", ko.Stderr);
        Assert.Equal("kairos users: no user named 'nobody'", en.Stderr.Trim());
        Assert.Equal("kairos users: 'nobody' 사용자가 없습니다", (await Processes.ServerCommandAsync(Korean, "", "users", "token", "nobody", "--data", data)).Stderr.Trim());
    }
}
