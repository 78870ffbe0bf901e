using System.Diagnostics;
using System.Globalization;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

public sealed class ToolProcessCancellationTests
{
    [Fact]
    public async Task Cancellation_sends_SIGINT_first_so_the_tool_can_stop_cleanly()
    {
        using var cancel = new CancellationTokenSource();
        var script = "trap 'echo got SIGINT >&2; exit 7' INT; trap 'echo got SIGTERM >&2; exit 8' TERM; echo ready; while true; do sleep 0.05; done";

        var result = await ToolProcess.RunAsync(Dummy.Bash(script), CancelOn("ready", cancel), null, cancel.Token,
            gracePeriod: TimeSpan.FromSeconds(5));

        Assert.True(result.Canceled);
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("got SIGINT", result.LastStderrLine);
    }

    [Fact]
    public async Task A_tool_that_ignores_SIGINT_gets_SIGTERM_after_the_grace_period()
    {
        using var cancel = new CancellationTokenSource();
        var script = "trap '' INT; trap 'echo got SIGTERM >&2; exit 8' TERM; echo ready; while true; do sleep 0.05; done";

        var result = await ToolProcess.RunAsync(Dummy.Bash(script), CancelOn("ready", cancel), null, cancel.Token,
            gracePeriod: TimeSpan.FromMilliseconds(300));

        Assert.True(result.Canceled);
        Assert.Equal(8, result.ExitCode);
        Assert.Equal("got SIGTERM", result.LastStderrLine);
    }

    [Fact]
    public async Task I_can_cancel_a_running_backup_and_it_exits_before_the_call_returns()
    {
        // A tool that ignores both polite signals, and a child of its own that inherits that:
        // the whole tree is killed, and nothing of it is left when RunAsync returns.
        using var cancel = new CancellationTokenSource();
        var pids = new Dummy.Lines();
        var script = "trap '' INT TERM; sleep 60 & echo $$; echo $!; echo ready; while true; do sleep 0.05; done";
        var watch = Stopwatch.StartNew();

        var result = await ToolProcess.RunAsync(Dummy.Bash(script), line =>
        {
            pids.Add(line);
            if (line == "ready")
            {
                cancel.Cancel();
            }
        }, null, cancel.Token, gracePeriod: TimeSpan.FromMilliseconds(300));

        Assert.True(result.Canceled);
        Assert.Equal(137, result.ExitCode); // 128 + SIGKILL
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        var tool = int.Parse(pids.Snapshot()[0], CultureInfo.InvariantCulture);
        var child = int.Parse(pids.Snapshot()[1], CultureInfo.InvariantCulture);
        Assert.False(Signals.IsAlive(tool));
        await WaitUntilGoneAsync(child); // killed by us; init reaps it a moment later
    }

    [Fact]
    public async Task A_token_canceled_before_the_start_runs_nothing()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ToolProcess.RunAsync(Dummy.Bash("touch /tmp/should-not-exist"), null, null, canceled.Token));
    }

    private static Action<string> CancelOn(string marker, CancellationTokenSource cancel) => line =>
    {
        if (line == marker)
        {
            cancel.Cancel();
        }
    };

    private static async Task WaitUntilGoneAsync(int pid)
    {
        for (var i = 0; i < 50 && IsRunning(pid); i++)
        {
            await Task.Delay(20);
        }

        Assert.False(IsRunning(pid), $"process {pid} is still running");
    }

    // A killed orphan may linger as a zombie until init reaps it; a zombie runs nothing.
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && !File.ReadAllText(stat).Split(") ")[^1].StartsWith('Z');
    }
}
