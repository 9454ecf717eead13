using System.Text.RegularExpressions;

namespace Kairos.Core.Tests;

/// <summary>
/// Time comes from an injected <see cref="TimeProvider"/>, so tests can move it and nothing waits on the real clock
/// behind their back. Only composition roots choose the system clock.
/// </summary>
public partial class ArchitectureTests
{
    // Each file here may name TimeProvider.System, and only for the reason given.
    private static readonly Dictionary<string, string> SystemClockAllowed = new(StringComparer.Ordinal)
    {
        ["src/Kairos.Server/Program.cs"] = "entry point: the clock of the offline `users` mode",
        ["src/Kairos.Cli/Program.cs"] = "entry point: the CLI's clock",
        ["src/Kairos.Server/Hosting/KairosServiceCollectionExtensions.cs"] = "AddKairos: the default TimeProvider, and the real-time clock command journals are polled by",
        ["src/Kairos.Consumers.Worker/Program.cs"] = "entry point: the consumer worker's clock, which its host registers",
        ["src/Kairos.Store.Sqlite/SqliteStore.cs"] = "SqliteStore.Open's default when no clock is given",
        ["src/Kairos.Store.Postgres/PostgresStore.cs"] = "PostgresStore.Open's default when no clock is given",
    };

    [Fact]
    public void Sources_ReadTimeOnlyFromAnInjectedTimeProvider()
    {
        Assert.True(SourceFiles().Count() > 50);
        var offenders = SourceFiles().SelectMany(ClockViolations).ToList();
        Assert.True(offenders.Count == 0, "read the injected TimeProvider instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void SystemClockAllowList_NamesOnlyFilesThatStillNeedIt()
    {
        var stale = SystemClockAllowed.Keys.Where(f => !File.Exists(Path.Combine(Root, f)) || !SystemClock().IsMatch(Code(Path.Combine(Root, f)))).ToList();
        Assert.True(stale.Count == 0, "no longer name TimeProvider.System; take them off the list: " + string.Join(", ", stale));
    }

    [Theory]
    [InlineData("var now = DateTime.UtcNow;")]
    [InlineData("var now = DateTimeOffset.Now;")]
    [InlineData("var clock = TimeProvider.System;")]
    [InlineData("await Task.Delay(500, ct);")]
    [InlineData("await Task.Delay(TimeSpan.FromSeconds(1));")]
    [InlineData("await Task.Delay(Math.Max(1, (int)wait.TotalMilliseconds), stoppingToken);")]
    [InlineData("using var grace = new CancellationTokenSource(StopGrace);")]
    [InlineData("using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));")]
    public void ClockViolations_FindsEachWayOfReadingTheSystemClock(string line)
    {
        Assert.NotEmpty(ViolationsIn("src/Kairos.Core/Example.cs", [line]));
    }

    [Theory]
    [InlineData("await Task.Delay(interval, clock, cancellationToken).ConfigureAwait(false);")]
    [InlineData("var delay = Task.Delay(interval, options.PollClock);")]
    [InlineData("await Task.WhenAny(woke, Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, delay.Token));")]
    [InlineData("using var grace = new CancellationTokenSource(StopGrace, clock);")]
    [InlineData("var stop = new CancellationTokenSource();")]
    [InlineData("using var timer = new PeriodicTimer(options.RefreshInterval, clock);")]
    [InlineData("// never Task.Delay(1) or DateTime.UtcNow here")]
    public void ClockViolations_LetsInjectedClocksAndCommentsPass(string line)
    {
        Assert.Empty(ViolationsIn("src/Kairos.Core/Example.cs", [line]));
    }

    private static IEnumerable<string> ClockViolations(string file) =>
        ViolationsIn(Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllLines(file));

    private static IEnumerable<string> ViolationsIn(string relative, string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : lines[i];
            var where = $"{relative}:{i + 1}";
            if (BannedClock().IsMatch(line)) yield return $"{where}: DateTime/DateTimeOffset.Now/UtcNow";
            if (SystemClock().IsMatch(line) && !SystemClockAllowed.ContainsKey(relative)) yield return $"{where}: TimeProvider.System outside a composition root";
            foreach (var arguments in CallArguments(line, TaskDelay()))
                if (!PassesClock(arguments, at: 1)) yield return $"{where}: Task.Delay without a TimeProvider";
            foreach (var arguments in CallArguments(line, TimedConstructor()))
                if (arguments.Count == 1 && arguments[0].Length > 0) yield return $"{where}: a timed CancellationTokenSource or PeriodicTimer without a TimeProvider";
        }
    }

    // Task.Delay(delay, clock[, token]): with two arguments the second must name the clock (clock, PollClock, timeProvider),
    // since Task.Delay(delay, token) has the same shape.
    private static bool PassesClock(List<string> arguments, int at) =>
        arguments.Count == 3 || (arguments.Count == 2 && ClockName().IsMatch(arguments[at]));

    // The top-level, comma-separated arguments of each call the pattern opens (the pattern ends at its '(').
    private static IEnumerable<List<string>> CallArguments(string line, Regex call)
    {
        foreach (Match match in call.Matches(line))
        {
            var (arguments, depth, start) = (new List<string>(), 0, match.Index + match.Length);
            for (var i = start; i < line.Length; i++)
            {
                var c = line[i];
                if (c is '(' or '[' or '{') depth++;
                else if (c == ',' && depth == 0) { arguments.Add(line[start..i].Trim()); start = i + 1; }
                else if (c is ')' or ']' or '}' && depth-- == 0) { arguments.Add(line[start..i].Trim()); break; }
            }
            yield return arguments;
        }
    }

    private static string Code(string file) =>
        string.Join('\n', File.ReadAllLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow)\b")]
    private static partial Regex BannedClock();

    [GeneratedRegex(@"\bTimeProvider\.System\b")]
    private static partial Regex SystemClock();

    [GeneratedRegex(@"\bTask\.Delay\(")]
    private static partial Regex TaskDelay();

    [GeneratedRegex(@"\bnew\s+(CancellationTokenSource|PeriodicTimer)\(")]
    private static partial Regex TimedConstructor();

    [GeneratedRegex(@"(?i)(clock|timeprovider)\w*$")]
    private static partial Regex ClockName();
}
