using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb.Metadata;
using Microsoft.Extensions.Logging.Abstractions;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>
/// XtraBackup plans for chains of 1, 2 and 4 backups, executed against tests/fakes/xtrabackup,
/// which enforces Percona's prepare rules (--apply-log-only on all but the last step, LSN order).
/// </summary>
public sealed class FakeXtraBackupRestoreTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task The_copy_and_prepare_steps_of_a_chain_run_against_the_fake_and_leave_it_prepared(int backups)
    {
        using var chain = await FakeXtraBackupChain.TakeAsync(backups);
        var plan = chain.Plan();
        Directory.CreateDirectory(plan.Options.WorkDir!); // the runner creates it after checking the free space

        foreach (var step in plan.Steps.Where(s => s.Kind is RestoreStepKind.Copy or RestoreStepKind.Prepare))
        {
            var run = await chain.RunAsync(step.Argv);
            Assert.True(run.ExitCode == 0, $"{string.Join(' ', step.Argv)}: {run.LastStderrLine}");
        }

        var prepares = plan.Steps.Where(s => s.Kind == RestoreStepKind.Prepare).Select(s => string.Join(' ', s.Argv.Skip(1))).ToList();
        Assert.Equal(prepares, chain.Calls);
        Assert.Equal(backups, prepares.Count);
        Assert.Equal(backups > 1 ? backups - 1 : 0, prepares.Count(p => p.Contains("--apply-log-only", StringComparison.Ordinal)));
        Assert.DoesNotContain("--apply-log-only", prepares[^1], StringComparison.Ordinal);
        var prepared = CheckpointsFile.Read(Path.Combine(plan.PreparedDir, "xtrabackup_checkpoints"));
        Assert.Equal(("full-prepared", chain.Backups[^1].ToLsn), (prepared.BackupType, (ulong?)prepared.ToLsn));
        Assert.Equal("full-backuped", CheckpointsFile.Read(Path.Combine(chain.Backups[0].TargetDir, "xtrabackup_checkpoints")).BackupType);
    }

    [Fact]
    public async Task Prepare_steps_run_out_of_order_are_refused_by_the_fake_with_its_message()
    {
        using var chain = await FakeXtraBackupChain.TakeAsync(4);
        var plan = chain.Plan();
        Directory.CreateDirectory(plan.Options.WorkDir!);
        foreach (var copy in plan.Steps.Where(s => s.Kind == RestoreStepKind.Copy))
        {
            Assert.Equal(0, (await chain.RunAsync(copy.Argv)).ExitCode);
        }

        var prepares = plan.Steps.Where(s => s.Kind == RestoreStepKind.Prepare).ToList();
        Assert.Equal(0, (await chain.RunAsync(prepares[0].Argv)).ExitCode);
        var skipped = await chain.RunAsync(prepares[2].Argv); // i2 before i1

        Assert.Equal(1, skipped.ExitCode);
        Assert.EndsWith("This incremental backup seems not to be proper for the target. Check 'to_lsn' of the target and 'from_lsn' of the incremental.",
            skipped.LastStderrLine, StringComparison.Ordinal);
        Assert.Equal("log-applied", CheckpointsFile.Read(Path.Combine(plan.PreparedDir, "xtrabackup_checkpoints")).BackupType);
    }

    [Fact]
    public async Task The_runbook_of_a_two_backup_chain_restores_with_the_fake_into_an_absent_datadir()
    {
        using var chain = await FakeXtraBackupChain.TakeAsync(2);
        var plan = chain.Plan(verify: true);
        var script = chain.Combine("restore.sh");
        await File.WriteAllTextAsync(script, RestoreRunbook.ToShellScript(plan));

        var run = await CommandResult.RunAsync("env", [$"FAKE_XTRABACKUP_LOG={chain.CallLog}", "bash", script], CancellationToken.None);

        Assert.True(run.Succeeded, run.StandardOutput + run.StandardError);
        Assert.Equal(
            ["--prepare --apply-log-only", "--prepare"],
            chain.Calls.Select(c => c.Split(" --target-dir=")[0]));
        Assert.False(File.Exists(Path.Combine(chain.DataDir, "xtrabackup_checkpoints")), "renamed into place: the bookkeeping --copy-back leaves out is deleted");
        Assert.False(Directory.Exists(Path.Combine(plan.Options.WorkDir!, "f")), "the prepared base was renamed, not copied");
        Assert.Contains("Prepared: backup_type = full-prepared", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Restored i1 into {chain.DataDir}.", run.StandardOutput, StringComparison.Ordinal);

        var again = await CommandResult.RunAsync("bash", [script], CancellationToken.None);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"The target datadir {chain.DataDir} is not empty", again.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prepared_result_that_ends_elsewhere_than_the_restore_point_is_not_copied_back()
    {
        using var chain = await FakeXtraBackupChain.TakeAsync(2);
        var plan = chain.Plan();
        // Changed between planning and running: the prepared copy now ends 1000 past i1's to_lsn.
        var incremental = Path.Combine(chain.Backups[1].TargetDir, "xtrabackup_checkpoints");
        var edited = chain.Backups[1].ToLsn + 1000;
        File.WriteAllText(incremental, File.ReadAllText(incremental).Replace($"to_lsn = {chain.Backups[1].ToLsn}", $"to_lsn = {edited}", StringComparison.Ordinal));
        var servers = new OneServer(new RegisteredServer { Name = "db", SocketPath = "/nonexistent.sock", User = "x", DataDir = chain.Combine("live") });
        var runner = new RestoreRunner(new MemoryCatalog(chain.Backups), servers, chain.Combine("logs"), chain.Combine("locks"), TimeProvider.System, NullLogger<RestoreRunner>.Instance);

        var result = await runner.RunAsync(plan, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains($"ends at to_lsn {edited}, the restore point i1 at {chain.Backups[1].ToLsn}: it holds another moment, so it is not put in place", result.Problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(chain.DataDir), "nothing may be copied back");
    }

    [Fact]
    public async Task With_the_working_copy_on_another_mount_the_runbook_copies_back_with_the_fake()
    {
        using var chain = await FakeXtraBackupChain.TakeAsync(2);
        using var tmpfs = await TmpfsMount.CreateAsync(16);
        var plan = chain.Plan(scratch: Path.Combine(tmpfs.Path, "work"));
        var script = chain.Combine("restore.sh");
        await File.WriteAllTextAsync(script, RestoreRunbook.ToShellScript(plan));

        var run = await CommandResult.RunAsync("env", [$"FAKE_XTRABACKUP_LOG={chain.CallLog}", "bash", script], CancellationToken.None);

        Assert.True(run.Succeeded, run.StandardOutput + run.StandardError);
        Assert.Equal(["--prepare --apply-log-only", "--prepare", "--copy-back"], chain.Calls.Select(c => c.Split(" --target-dir=")[0]));
        Assert.Contains("rename(2) works only within one mount", plan.Steps[^2].Why, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(tmpfs.Path, "work", "f")), "copied back, so the prepared working copy is still there");
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(chain.DataDir));
    }

    [Fact]
    public async Task The_incrementals_are_copied_beside_the_fulls_prepare_and_a_failed_copy_stops_the_run_before_the_next_prepare()
    {
        using var chain = await FakeXtraBackupChain.TakeAsync(3);
        var plan = chain.Plan();
        Directory.Delete(chain.Backups[2].TargetDir, recursive: true); // its copy will fail
        var servers = new OneServer(new RegisteredServer { Name = "db", SocketPath = "/nonexistent.sock", User = "x", DataDir = chain.Combine("live") });
        var runner = new RestoreRunner(new MemoryCatalog(chain.Backups), servers, chain.Combine("logs"), chain.Combine("locks"), TimeProvider.System, NullLogger<RestoreRunner>.Instance);

        var result = await runner.RunAsync(plan, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Step 3 of", result.Problem, StringComparison.Ordinal);
        Assert.Contains("(Copy) failed with exit code 1", result.Problem, StringComparison.Ordinal);
        // The full's prepare ran beside the copies; no incremental was applied after the failure.
        Assert.Equal([1, 2, 3, 4], result.Steps.Select(s => s.Number));
        Assert.Equal([RestoreStepKind.Copy, RestoreStepKind.Copy, RestoreStepKind.Copy, RestoreStepKind.Prepare], result.Steps.Select(s => s.Step.Kind));
        var prepared = CheckpointsFile.Read(Path.Combine(plan.PreparedDir, "xtrabackup_checkpoints"));
        Assert.Equal(("log-applied", chain.Backups[0].ToLsn), (prepared.BackupType, (ulong?)prepared.ToLsn));
        Assert.False(Directory.Exists(chain.DataDir), "nothing is put in place");
    }
}
