using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

public sealed class MariaBackupToolTests
{
    private const string Defaults = "/tmp/bdash-cred-x/client.cnf";
    private readonly IBackupTool _tool = BackupTools.For(BackupToolKind.MariaBackup);

    private static BackupRequest Full => new()
    {
        ToolPath = "/usr/bin/mariabackup",
        TargetDir = "/backups/db1/full",
        Kind = BackupKind.Full,
    };

    [Fact]
    public void A_full_backup_puts_the_defaults_file_first_then_backup_and_the_target()
    {
        var invocation = _tool.Backup(Full with { DataDir = "/var/lib/mysql" }, Defaults);

        Assert.Equal("/usr/bin/mariabackup", invocation.Program);
        Assert.Equal(
            ["--defaults-extra-file=" + Defaults, "--backup", "--target-dir=/backups/db1/full", "--datadir=/var/lib/mysql", "--verbose"],
            invocation.Arguments);
    }

    [Fact]
    public void An_incremental_names_its_base_directory()
    {
        var invocation = _tool.Backup(Full with { Kind = BackupKind.Incremental, IncrementalBaseDir = "/backups/db1/full", TargetDir = "/backups/db1/inc1" }, Defaults);

        Assert.Equal(
            ["--defaults-extra-file=" + Defaults, "--backup", "--target-dir=/backups/db1/inc1", "--incremental-basedir=/backups/db1/full", "--verbose"],
            invocation.Arguments);
    }

    [Fact]
    public void An_incremental_from_an_LSN_needs_no_base_directory()
    {
        var invocation = _tool.Backup(Full with { Kind = BackupKind.Incremental, IncrementalLsn = 995697518, Verbose = false }, Defaults);

        Assert.Equal(["--defaults-extra-file=" + Defaults, "--backup", "--target-dir=/backups/db1/full", "--incremental-lsn=995697518"], invocation.Arguments);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(2, "--parallel=2")]
    [InlineData(8, "--parallel=8")]
    public void Parallel_copying_is_asked_for_only_above_one_thread(int threads, string? expected)
    {
        var arguments = _tool.Backup(Full with { Parallel = threads }, Defaults).Arguments;

        Assert.Equal(expected, arguments.SingleOrDefault(a => a.StartsWith("--parallel", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(BackupKind.Incremental, null, null)]
    [InlineData(BackupKind.Incremental, "/backups/full", 12345UL)]
    [InlineData(BackupKind.Full, "/backups/full", null)]
    [InlineData(BackupKind.Full, null, 12345UL)]
    public void A_backup_needs_exactly_the_starting_point_its_kind_implies(BackupKind kind, string? baseDir, ulong? lsn)
    {
        Assert.Throws<ArgumentException>(() => _tool.Backup(Full with { Kind = kind, IncrementalBaseDir = baseDir, IncrementalLsn = lsn }, Defaults));
    }

    [Fact]
    public void Page_tracking_is_refused_because_mariabackup_has_none()
    {
        Assert.Throws<NotSupportedException>(() => _tool.Backup(Full with { PageTracking = true }, Defaults));
        Assert.False(_tool.CapabilitiesFor(new Version(11, 4, 3)).PageTracking);
    }

    [Theory]
    [InlineData("10.1.48")]
    [InlineData("10.11.19")]
    [InlineData("11.4.5")]
    public void Force_scan_is_never_offered_because_MariaDB_writes_no_changed_page_bitmaps(string version)
    {
        var capabilities = _tool.CapabilitiesFor(Version.Parse(version));
        var refused = Assert.Throws<NotSupportedException>(() => _tool.Backup(
            Full with { Kind = BackupKind.Incremental, IncrementalBaseDir = "/backups/full", IncrementalForceScan = true, ToolVersion = Version.Parse(version) }, Defaults));

        Assert.False(capabilities.IncrementalForceScan);
        Assert.Contains("MariaDB does not write", capabilities.NoIncrementalForceScan, StringComparison.Ordinal);
        Assert.Equal(capabilities.NoIncrementalForceScan, refused.Message);
    }

    [Theory]
    [InlineData("10.2.44")]
    [InlineData("10.6.21")]
    [InlineData("10.11.19")]
    [InlineData("11.4.5")]
    public void Apply_log_only_is_neither_needed_nor_accepted_from_10_2_on(string version)
    {
        var capabilities = _tool.CapabilitiesFor(Version.Parse(version));

        Assert.False(capabilities.ApplyLogOnlyAccepted);
        Assert.False(capabilities.ApplyLogOnlyNeeded);
        Assert.DoesNotContain(_tool.Backup(Full with { ToolVersion = Version.Parse(version) }, Defaults).Arguments,
            a => a.Contains("apply-log-only", StringComparison.Ordinal));
    }

    [Fact]
    public void MariaDB_10_1_still_needs_apply_log_only_like_XtraBackup()
    {
        var capabilities = _tool.CapabilitiesFor(new Version(10, 1, 48));

        Assert.True(capabilities.ApplyLogOnlyAccepted);
        Assert.True(capabilities.ApplyLogOnlyNeeded);
        Assert.Equal("mariabackup", capabilities.Family);
    }

    [Theory]
    [InlineData("10.1.48", "xtrabackup_checkpoints", "xtrabackup_info")]
    [InlineData("10.11.19", "xtrabackup_checkpoints", "xtrabackup_info")]
    [InlineData("11.0.6", "xtrabackup_checkpoints", "xtrabackup_info")]
    [InlineData("11.1.0", "mariadb_backup_checkpoints", "mariadb_backup_info")]
    [InlineData("11.4.5", "mariadb_backup_checkpoints", "mariadb_backup_info")]
    public void Metadata_file_names_follow_the_version(string version, string checkpoints, string info)
    {
        var capabilities = _tool.CapabilitiesFor(Version.Parse(version));

        Assert.Equal(checkpoints, capabilities.CheckpointsFileName);
        Assert.Equal(info, capabilities.InfoFileName);
        Assert.True(capabilities.Parallel);
        Assert.True(capabilities.Compression);
    }

    [Theory]
    [InlineData(0, "[00] 2026-11-21 10:14:45 completed OK!", false, true)]
    [InlineData(0, "[00] 2026-11-21 10:14:45 completed OK! ", false, true)]
    [InlineData(1, "[00] 2026-11-21 10:14:45 completed OK!", false, false)]
    [InlineData(0, "[00] FATAL ERROR: 2026-11-21 11:18:59 failed to execute query", false, false)]
    [InlineData(0, null, false, false)]
    [InlineData(0, "[00] 2026-11-21 10:14:45 completed OK!", true, false)]
    public void A_run_succeeded_only_with_exit_code_0_and_completed_OK_last(int exitCode, string? lastLine, bool canceled, bool ok)
    {
        Assert.Equal(ok, _tool.CompletedOk(new ToolRunResult(exitCode, canceled, TimeSpan.FromSeconds(3), lastLine)));
    }

    [Fact]
    public void The_command_line_reads_like_a_shell_command_and_holds_no_password()
    {
        var invocation = _tool.Backup(Full with { TargetDir = "/backups/my db/full" }, Defaults);

        Assert.Equal($"/usr/bin/mariabackup --defaults-extra-file={Defaults} --backup '--target-dir=/backups/my db/full' --verbose", invocation.CommandLine);
        Assert.DoesNotContain("password", invocation.CommandLine, StringComparison.OrdinalIgnoreCase);
    }
}
