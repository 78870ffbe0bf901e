using System.Diagnostics;
using System.Runtime.ExceptionServices;
using BackupDashboard.Engine.LocalServers;

namespace BackupDashboard.Engine.Tools;

/// <summary>
/// Runs a backup tool to its end. Both output streams are drained line by line while it runs (a
/// full pipe would block the tool), cancellation asks it to stop before forcing it, and the call
/// never returns while the process still exists: a backup must not outlive the run that
/// recorded it.
/// </summary>
public static class ToolProcess
{
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Starts <paramref name="invocation"/> with stdin closed and returns once it has exited. On
    /// cancellation: SIGINT, then SIGTERM after <paramref name="gracePeriod"/>, then SIGKILL of
    /// the whole process tree after another grace period; the result then has Canceled = true.
    /// A callback that throws stops the tool the same way, and its exception is rethrown once
    /// the tool has exited. Throws <see cref="OperationCanceledException"/> without starting
    /// anything when the token is already canceled.
    /// </summary>
    public static async Task<ToolRunResult> RunAsync(ToolInvocation invocation, Action<string>? onStdoutLine,
        Action<string>? onStderrLine, CancellationToken cancellationToken, TimeSpan? gracePeriod = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        cancellationToken.ThrowIfCancellationRequested();
        var grace = gracePeriod ?? DefaultGracePeriod;

        // A process started with SIGINT or SIGTERM ignored (a background job, nohup, some CI
        // runners) passes that on to every child, and a tool cannot undo it: our polite stop
        // would then be lost. env --default-signal restores the defaults and execs the tool
        // itself (same pid, same command line from there on). Older env(1) lacks the option:
        // then the tool starts directly (SignalDefaults).
        var program = ExecutableFinder.Find(invocation.Program)
            ?? throw new System.ComponentModel.Win32Exception(2, $"'{invocation.Program}' was not found.");
        var viaEnv = SignalDefaults.Available;
        var start = new ProcessStartInfo(viaEnv ? SignalDefaults.Env : program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (viaEnv)
        {
            start.ArgumentList.Add(SignalDefaults.Option);
            start.ArgumentList.Add(program);
        }

        foreach (var argument in invocation.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start '{invocation.Program}'.");
        process.StandardInput.Close();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stdout = new LinePump(process.StandardOutput, onStdoutLine, stop);
        var stderr = new LinePump(process.StandardError, onStderrLine, stop);
        var stopped = false;
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            await StopAsync(process, grace).ConfigureAwait(false);
        }

        await DrainAsync(stdout, stderr, grace).ConfigureAwait(false);
        var fault = stdout.Fault ?? stderr.Fault;
        if (fault is not null)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        return new ToolRunResult(process.ExitCode, stopped, clock.Elapsed, stderr.LastLine);
    }

    private static async Task StopAsync(Process process, TimeSpan grace)
    {
        // SIGINT is what an operator's Ctrl-C sends; SIGTERM is what a service manager sends.
        Signals.Send(process.Id, Signals.Interrupt);
        if (await ExitsWithinAsync(process, grace).ConfigureAwait(false))
        {
            return;
        }

        Signals.Send(process.Id, Signals.Terminate);
        if (await ExitsWithinAsync(process, grace).ConfigureAwait(false))
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan grace)
    {
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(grace).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// The tool has exited; what it wrote is still in the pipes. A child it left behind may hold
    /// them open, so the rest is read for at most one grace period.
    /// </summary>
    private static async Task DrainAsync(LinePump stdout, LinePump stderr, TimeSpan grace)
    {
        try
        {
            await Task.WhenAll(stdout.Completion, stderr.Completion).WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
