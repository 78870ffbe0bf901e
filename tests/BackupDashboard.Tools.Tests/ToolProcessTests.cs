using System.Globalization;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

public sealed class ToolProcessTests
{
    [Fact]
    public async Task Both_output_streams_are_drained_at_volume_without_a_deadlock()
    {
        // ~590 KB on each stream: far beyond a 64 KiB pipe buffer, so a reader that drained one
        // stream after the other would leave the child blocked forever.
        var stdout = new Dummy.Lines();
        var stderr = new Dummy.Lines();

        var result = await ToolProcess.RunAsync(Dummy.Bash("seq 1 100000 & seq 100001 200000 >&2; wait"),
            stdout.Add, stderr.Add, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.Canceled);
        Assert.Equal(100000, stdout.Snapshot().Count);
        Assert.Equal(100000, stderr.Snapshot().Count);
        Assert.Equal("100000", stdout.Snapshot()[^1]);
        Assert.Equal("200000", result.LastStderrLine);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public async Task The_exit_code_of_the_program_is_returned(int exitCode)
    {
        var result = await ToolProcess.RunAsync(Dummy.Bash($"exit {exitCode}"), null, null, CancellationToken.None);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.False(result.Canceled);
    }

    [Fact]
    public async Task The_last_stderr_line_ignores_trailing_blank_lines()
    {
        var result = await ToolProcess.RunAsync(Dummy.Bash("echo 'first' >&2; echo '[00] 2026-11-21 10:14:40 completed OK!' >&2; echo >&2; echo ok"),
            null, null, CancellationToken.None);

        Assert.Equal("[00] 2026-11-21 10:14:40 completed OK!", result.LastStderrLine);
    }

    [Fact]
    public async Task The_run_returns_only_after_the_program_has_exited()
    {
        var pid = 0;
        var result = await ToolProcess.RunAsync(Dummy.Bash("echo $$; sleep 0.5"),
            line => pid = int.Parse(line, CultureInfo.InvariantCulture), null, CancellationToken.None);

        Assert.NotEqual(0, pid);
        Assert.False(Signals.IsAlive(pid));
        Assert.True(result.Duration >= TimeSpan.FromMilliseconds(450), $"returned after {result.Duration}");
    }

    [Fact]
    public async Task A_background_child_that_keeps_the_output_open_does_not_hang_the_run()
    {
        var result = await ToolProcess.RunAsync(Dummy.Bash("sleep 3 & echo started"), null, null, CancellationToken.None,
            gracePeriod: TimeSpan.FromMilliseconds(300));

        Assert.Equal(0, result.ExitCode);
        Assert.True(result.Duration < TimeSpan.FromSeconds(2), $"took {result.Duration}");
    }

    [Fact]
    public async Task A_program_that_does_not_exist_is_an_error_before_anything_runs()
    {
        var missing = new ToolInvocation("/nonexistent/mariabackup", ["--version"]);

        await Assert.ThrowsAsync<System.ComponentModel.Win32Exception>(() =>
            ToolProcess.RunAsync(missing, null, null, CancellationToken.None));
    }

    [Fact]
    public async Task A_callback_that_throws_stops_the_program_and_its_error_reaches_the_caller()
    {
        var pid = 0;
        var run = ToolProcess.RunAsync(Dummy.Bash("echo $$; echo boom >&2; sleep 30"),
            line => pid = int.Parse(line, CultureInfo.InvariantCulture),
            line => throw new InvalidOperationException($"cannot handle '{line}'"),
            CancellationToken.None, gracePeriod: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run);

        Assert.Equal("cannot handle 'boom'", error.Message);
        Assert.False(Signals.IsAlive(pid));
    }
}
