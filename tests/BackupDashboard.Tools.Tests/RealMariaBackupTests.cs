using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

public sealed class RealMariaBackupTests(RealMariaBackupRun run) : IClassFixture<RealMariaBackupRun>
{
    [Fact]
    public void A_real_full_backup_through_the_adapter_completes_OK()
    {
        Assert.True(run.Tool.CompletedOk(run.Result), $"exit {run.Result.ExitCode}:\n{string.Join('\n', run.Stderr.TakeLast(15))}");
        Assert.Equal(0, run.Result.ExitCode);
        var checkpoints = MetadataFile.Read(Path.Combine(run.TargetDir, "xtrabackup_checkpoints"));
        Assert.Equal("full-backuped", checkpoints["backup_type"]);
        // A tablespace created after the server's last checkpoint is kept as orders.new (mariabackup's
        // DDL tracking; --prepare renames it), so either name is the table's copy.
        Assert.True(File.Exists(Path.Combine(run.TargetDir, "shop", "orders.ibd")) || File.Exists(Path.Combine(run.TargetDir, "shop", "orders.new")));
    }

    [Fact]
    public void The_password_is_on_no_command_line_while_the_backup_runs()
    {
        Assert.True(run.SawMariaBackupRunning, $"the watcher never saw mariabackup running ({run.CommandLinesRead} command lines read)");
        Assert.Empty(run.CommandLinesWithThePassword);
        Assert.DoesNotContain(run.Stderr, line => line.Contains(RealMariaBackupRun.Password.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_credentials_file_and_its_directory_are_gone_after_the_run()
    {
        Assert.False(File.Exists(run.CredentialsPath));
        Assert.False(Directory.Exists(Path.GetDirectoryName(run.CredentialsPath)));
    }

    [Fact]
    public void Progress_from_the_real_stderr_rises_steadily_to_100_percent()
    {
        var tracker = new BackupProgressTracker(run.DataDirSizes, TimeProvider.System);

        var seen = run.Stderr.Where(tracker.OnStderrLine).Select(_ => tracker.Current).ToList();

        var weighed = run.DataDirSizes.Where(f => !BackupProgressTracker.IsNeverReported(f.Key[2..])).Sum(f => f.Value);
        Assert.Equal(weighed, tracker.Current.BytesTotal);
        Assert.True(weighed > run.DataDirSizes.Values.Sum() / 4, "the files that count are most of the datadir");
        Assert.Equal(seen.Select(p => p.Percent).Order(), seen.Select(p => p.Percent));
        Assert.Equal(seen.Select(p => p.BytesDone).Order(), seen.Select(p => p.BytesDone));
        Assert.Contains(seen, p => p.Percent is > 0 and < 100);
        // Every file the tool copies is reported: before the last line the count is nearly complete.
        Assert.True(seen[^2].Percent > 97, $"only {seen[^2].Percent:0.0}% before 'completed OK!'");
        Assert.Contains(seen, p => p.CurrentFile == "shop/orders.ibd");
        Assert.Contains(seen, p => p.Phase is { } phase && phase.StartsWith("BACKUP STAGE", StringComparison.Ordinal));
        Assert.NotNull(tracker.Current.LogScannedUpTo);
        Assert.Equal((100.0, "Completed"), (tracker.Current.Percent, tracker.Current.Phase));
    }
}
