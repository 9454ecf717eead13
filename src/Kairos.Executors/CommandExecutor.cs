using System.ComponentModel;
using System.Diagnostics;
using Kairos.Core.Jobs;
using Kairos.Core.Ports;

namespace Kairos.Executors;

/// <summary>
/// Starts the job's process from its argument vector and streams its output. On cancellation it sends SIGTERM, waits
/// the kill grace period, then SIGKILLs the whole process tree.
/// </summary>
public sealed class CommandExecutor(TimeProvider clock) : IActionExecutor
{
    public bool CanExecute(JobAction action) => action is CommandAction;

    public async Task<ActionOutcome> ExecuteAsync(ActionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var action = (CommandAction)context.Job.Action;
        using var process = new Process { StartInfo = StartInfo(action, context), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) context.Output.Write(LogStream.Stdout, e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) context.Output.Write(LogStream.Stderr, e.Data); };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            var detail = $"cannot start '{process.StartInfo.FileName}': {e.Message}";
            context.Output.Write(LogStream.System, detail);
            return new ActionOutcome(false, detail);
        }
        context.Output.Write(LogStream.System, $"started pid {process.Id}: {string.Join(' ', action.Argv)}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var stopping = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            stopping = true;
            await StopAsync(process, action.KillGracePeriod ?? TimeSpan.FromSeconds(10), context.Output).ConfigureAwait(false);
        }
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false); // drains the output streams
        var code = process.ExitCode;
        return stopping
            ? new ActionOutcome(false, $"stopped; exit code {code}", code)
            : new ActionOutcome(code == 0, $"exit code {code}", code);
    }

    private async Task StopAsync(Process process, TimeSpan grace, IRunOutput output)
    {
        if (process.HasExited) return;
        // The whole tree, taken now: a shell's children outlive it and would keep the output open (and the run alive).
        var tree = PosixSignals.Descendants(process.Id).Prepend(process.Id).ToList();
        output.Write(LogStream.System, $"sending SIGTERM to pid {process.Id}{(tree.Count > 1 ? $" and {tree.Count - 1} child process(es)" : "")}; SIGKILL in {grace.TotalSeconds:0.#}s if it does not exit");
        if (tree.Aggregate(false, (sent, pid) => PosixSignals.Terminate(pid) | sent))
        {
            using var graceTimeout = new CancellationTokenSource(grace, clock);
            try
            {
                await process.WaitForExitAsync(graceTimeout.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) { }
        }
        output.Write(LogStream.System, $"sending SIGKILL to pid {process.Id} and its children");
        foreach (var pid in tree) PosixSignals.ForceKill(pid);
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // exited meanwhile
    }

    private static ProcessStartInfo StartInfo(CommandAction action, ActionContext context)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = action.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (action.UseShell)
        {
            info.FileName = "/bin/sh";
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(string.Join(' ', action.Argv));
        }
        else
        {
            info.FileName = action.Argv[0];
            foreach (var arg in action.Argv.Skip(1)) info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in action.Environment) info.Environment[name] = context.Expand(value);
        foreach (var (name, value) in context.Variables) info.Environment["KAIROS_" + JobEnvironmentName(name)] = value;
        return info;
    }

    // runId → RUN_ID
    private static string JobEnvironmentName(string variable) =>
        string.Concat(variable.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
