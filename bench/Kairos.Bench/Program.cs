using System.Diagnostics;
using Kairos.Bench;
using Kairos.Testing;

// Without "scenario", this process orchestrates: it starts PostgreSQL once and runs each scenario in a fresh child
// process, so CPU and peak memory belong to that scenario alone. Output: one JSON object per line.
if (args.Length > 0 && args[0] == "calendar-ops")
{
    foreach (var line in CalendarOperations.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3)) Console.WriteLine(line);
    return 0;
}

if (args.Length > 0 && args[0] == "kafka")
{
    var messages = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20000;
    var rate = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200;
    Console.Error.WriteLine($"bench: kafka on the mock cluster, {KafkaScenarios.Describe(messages, rate)}");
    foreach (var line in await KafkaScenarios.RunAsync(messages, rate)) Console.WriteLine(line);
    return 0;
}

if (args.Length > 0 && args[0] == "chains")
{
    var chains = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
    var steps = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
    Console.Error.WriteLine($"bench: {chains} chains of {steps} noop steps for one business date, Kairos on PostgreSQL, then Quartz's job chaining in memory");
    Console.WriteLine(Measurement.Json(await ChainScenario.RunAsync(chains, steps, TestServers.NewPostgresDatabase())));
    Console.WriteLine(Measurement.Json(await QuartzChainScenario.RunAsync(chains, steps)));
    return 0;
}

if (args.Length > 0 && args[0] == "scenario")
{
    var (name, store, jobs, seconds) = (args[1], args[2], int.Parse(args[3]), int.Parse(args[4]));
    var postgres = args.Length > 5 ? args[5] : null;
    var result = name switch
    {
        "kairos" => await KairosScenario.RunAsync(store, jobs, seconds, postgres),
        "quartz" => await QuartzScenario.RunAsync(store, jobs, seconds, postgres),
        "command-start" => await CommandStartScenario.RunAsync(jobs, seconds),
        _ => throw new ArgumentException($"unknown scenario {name}"),
    };
    Console.WriteLine(Measurement.Json(result));
    return 0;
}

var secondsOption = Option("--seconds", "30");
var jobCounts = Option("--jobs", "1000,10000").Split(',').Select(int.Parse).ToArray();
var only = Option("--only", "");
var plan = new List<(string Name, string Store, int Jobs)>();
foreach (var n in jobCounts)
{
    plan.Add(("kairos", "sqlite", n));
    plan.Add(("kairos", "postgres", n));
    plan.Add(("quartz", "memory", n));
    plan.Add(("quartz", "postgres", n));
}
plan.Add(("command-start", "sqlite", 20));
if (only.Length > 0) plan = plan.Where(p => only.Split(',').Contains($"{p.Name}-{p.Store}")).ToList();

Console.Error.WriteLine($"bench: {plan.Count} scenarios of {secondsOption}s each (plus warm-up); PostgreSQL on loopback for the postgres ones");
foreach (var (name, store, jobs) in plan)
{
    var postgres = store == "postgres" ? TestServers.NewPostgresDatabase() : "";
    Console.Error.WriteLine($"bench: {name} on {store} with {jobs} jobs...");
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
    foreach (var a in new[] { typeof(Measurement).Assembly.Location, "scenario", name, store, jobs.ToString(), secondsOption, postgres }) info.ArgumentList.Add(a);
    using var child = Process.Start(info)!;
    var output = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
    Console.WriteLine(line ?? $"{{\"scenario\":\"{name}\",\"store\":\"{store}\",\"jobs\":{jobs},\"error\":\"exit code {child.ExitCode}\"}}");
}
return 0;

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
