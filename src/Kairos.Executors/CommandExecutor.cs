using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;
using Kairos.Core.Runs;
using Kairos.Core.Secrets;

namespace Kairos.Executors;

/// <summary>
/// Runs each attempt of a command job under kairos-supervise, which keeps the attempt's journal on the node's disk:
/// output, the command's pid and its exit status outlive this process. Output is read back from the journal's log,
/// so what the store holds is the log, line for line. On cancellation the command's process group gets SIGTERM, then
/// SIGKILL after the kill grace period.
/// </summary>
/// <param name="secrets">Where secret references are read; the server's environment and default secrets folder when null.</param>
public sealed partial class CommandExecutor(TimeProvider clock, CommandJournalOptions options, ISecretSource? secrets = null) : IDurableActionExecutor
{
    private const string Vanished = "its supervisor vanished; whether it finished is unknown";
    private static readonly TimeSpan DefaultKillGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OwnPollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan AdoptedPollInterval = TimeSpan.FromMilliseconds(100);

    public bool CanExecute(JobAction action) => action is CommandAction;

    public async Task<ActionOutcome> ExecuteAsync(ActionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var journal = JournalOf(context.Run);
        if (journal.Began)
            return new ActionOutcome(false, $"attempt {context.Run.Attempt} of run {context.Run.Id} already began on node {NodeOf(context.Run)}; it can be adopted, not started again");
        var (environment, resolver) = ResolveEnvironment(context);
        if (resolver.Failure is { } missing) return SecretsMissingOutcome.For(context, resolver, missing);
        context = Masked(context, resolver);
        var start = PrepareAttempt(context, environment);
        using var supervisor = new Process { StartInfo = start };
        try
        {
            supervisor.Start();
        }
        catch (Win32Exception e)
        {
            var detail = $"cannot start '{start.FileName}': {e.Message}";
            context.Output.Write(LogStream.System, detail);
            return new ActionOutcome(false, detail);
        }
        // The supervisor's stdin stays open, unwritten, while this process lives: its end is how the supervisor learns the node is gone.
        using var tail = new JournalTail(journal.LogPath, skip: 0);
        var exited = supervisor.WaitForExitAsync(CancellationToken.None);
        var outcome = await FollowAsync(journal, tail, context, () => !supervisor.HasExited, exited, OwnPollInterval, cancellationToken).ConfigureAwait(false);
        await exited.ConfigureAwait(false);
        return outcome ?? new ActionOutcome(false, $"{Vanished} (it ended with status {supervisor.ExitCode})");
    }

    /// <summary>Creates the attempt's journal folder and says how to start its supervisor (tests start it in other ways too).</summary>
    internal ProcessStartInfo PrepareAttempt(ActionContext context, IReadOnlyDictionary<string, string>? environment = null)
    {
        var journal = JournalOf(context.Run);
        journal.Create();
        var action = (CommandAction)context.Job.Action;
        var info = new ProcessStartInfo
        {
            FileName = options.SupervisorPath,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        string[] supervision =
        [
            "--dir", journal.Folder,
            "--heartbeat", HeartbeatPath(NodeOf(context.Run)),
            "--orphan-after", options.OrphanAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            "--cwd", action.WorkingDirectory ?? Environment.CurrentDirectory,
            "--max-log-bytes", options.MaxLogBytes.ToString(CultureInfo.InvariantCulture),
            "--",
        ];
        foreach (var arg in supervision.Concat(action.UseShell ? ["/bin/sh", "-c", string.Join(' ', action.Argv)] : action.Argv))
            info.ArgumentList.Add(arg);
        // References are resolved before templates are expanded, so a value that came from a message can never name a secret.
        foreach (var (name, value) in environment ?? action.Environment) info.Environment[name] = context.Expand(value);
        foreach (var (name, value) in context.Variables) info.Environment["KAIROS_" + JobEnvironmentName(name)] = value;
        return info;
    }

    /// <summary>
    /// Copies the log to the output until the exit file appears, stopping the command once cancellation is asked for.
    /// Null when the supervisor died without writing an outcome. The journal is polled on
    /// <see cref="CommandJournalOptions.PollClock"/>, since its files change in real time.
    /// </summary>
    private async Task<ActionOutcome?> FollowAsync(AttemptJournal journal, JournalTail tail, ActionContext context,
        Func<bool> supervisorAlive, Task? supervisorExited, TimeSpan interval, CancellationToken cancellationToken)
    {
        var grace = (context.Job.Action as CommandAction)?.KillGracePeriod ?? DefaultKillGrace;
        var stopper = new AttemptStopper(journal, grace, clock);
        while (true)
        {
            tail.Drain(context.Output);
            var exit = journal.Exit();
            if (exit is not null || !supervisorAlive())
            {
                exit ??= journal.Exit(); // written just before the supervisor exited
                // The exit file is the supervisor's last write, so a drain after seeing it reads the whole log.
                tail.Drain(context.Output);
                return exit?.ToOutcome(journal.StopRequested);
            }
            if (cancellationToken.IsCancellationRequested) stopper.Tick();
            var delay = Task.Delay(interval, options.PollClock);
            await (supervisorExited is null ? delay : Task.WhenAny(supervisorExited, delay)).ConfigureAwait(false);
        }
    }

    private AttemptJournal JournalOf(Run run) => AttemptJournal.Of(options.Root, NodeOf(run), run.Id, run.Attempt);

    private string HeartbeatPath(string node) => NodeHeartbeat.PathOf(options.Root, node);

    // A run claimed by no named node (tests, tools) keeps its journal under "local".
    private static string NodeOf(Run run) => run.Node ?? "local";

    // runId → RUN_ID
    private static string JobEnvironmentName(string variable) =>
        string.Concat(variable.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
