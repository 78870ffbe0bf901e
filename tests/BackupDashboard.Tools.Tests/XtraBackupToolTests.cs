using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

public sealed class XtraBackupToolTests
{
    private const string Defaults = "/tmp/bdash-cred-x/client.cnf";
    private readonly IBackupTool _tool = BackupTools.For(BackupToolKind.XtraBackup);

    private static BackupRequest Incremental => new()
    {
        ToolPath = "/usr/bin/xtrabackup",
        TargetDir = "/backups/db2/inc1",
        Kind = BackupKind.Incremental,
        IncrementalBaseDir = "/backups/db2/full",
        Parallel = 4,
    };

    [Fact]
    public void An_incremental_with_page_tracking_puts_the_defaults_file_first()
    {
        var invocation = _tool.Backup(Incremental with { PageTracking = true, ToolVersion = new Version(8, 0, 35) }, Defaults);

        Assert.Equal(
            ["--defaults-extra-file=" + Defaults, "--backup", "--target-dir=/backups/db2/inc1", "--incremental-basedir=/backups/db2/full",
             "--parallel=4", "--verbose", "--page-tracking"],
            invocation.Arguments);
    }

    [Theory]
    [InlineData("2.4.29")]
    [InlineData("8.0.26")]
    public void Page_tracking_is_refused_before_8_0_27(string version)
    {
        Assert.Throws<NotSupportedException>(() => _tool.Backup(Incremental with { PageTracking = true, ToolVersion = Version.Parse(version) }, Defaults));
    }

    [Theory]
    [InlineData("2.4.29", true)]
    [InlineData("8.0.26", true)]
    [InlineData("8.0.29", true)]
    [InlineData("8.0.30", false)]
    [InlineData("8.0.35", false)]
    [InlineData("8.4.0", false)]
    public void Force_scan_is_offered_only_while_XtraBackup_reads_changed_page_bitmaps(string version, bool offered)
    {
        var request = Incremental with { IncrementalForceScan = true, ToolVersion = Version.Parse(version) };

        Assert.Equal(offered, _tool.CapabilitiesFor(Version.Parse(version)).IncrementalForceScan);
        if (offered)
        {
            Assert.Equal("--incremental-force-scan", _tool.Backup(request, Defaults).Arguments[^1]);
        }
        else
        {
            var refused = Assert.Throws<NotSupportedException>(() => _tool.Backup(request, Defaults));
            Assert.Contains("8.0.30 removed that algorithm", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Force_scan_is_refused_for_a_full_backup()
    {
        Assert.Throws<ArgumentException>(() => _tool.Backup(
            Incremental with { Kind = BackupKind.Full, IncrementalBaseDir = null, IncrementalForceScan = true, ToolVersion = new Version(8, 0, 29) }, Defaults));
    }

    [Fact]
    public void Without_force_scan_the_option_is_not_passed()
    {
        Assert.DoesNotContain("--incremental-force-scan", _tool.Backup(Incremental with { ToolVersion = new Version(8, 0, 29) }, Defaults).Arguments);
    }

    [Theory]
    [InlineData("2.4.29", false)]
    [InlineData("8.0.26", false)]
    [InlineData("8.0.27", true)]
    [InlineData("8.0.35", true)]
    [InlineData("8.4.0", true)]
    public void Capabilities_follow_the_version(string version, bool pageTracking)
    {
        var capabilities = _tool.CapabilitiesFor(Version.Parse(version));

        Assert.Equal("xtrabackup", capabilities.Family);
        Assert.Equal(pageTracking, capabilities.PageTracking);
        Assert.True(capabilities.ApplyLogOnlyAccepted);
        Assert.True(capabilities.ApplyLogOnlyNeeded);
        Assert.Equal("xtrabackup_checkpoints", capabilities.CheckpointsFileName);
        Assert.Equal("xtrabackup_info", capabilities.InfoFileName);
        Assert.True(capabilities.Compression);
        Assert.True(capabilities.Parallel);
    }

    [Fact]
    public void A_run_succeeded_only_when_the_last_structured_log_line_says_completed_OK()
    {
        const string Ok = "2024-02-02T00:47:23.354945+08:00 0 [Note] [MY-011825] [Xtrabackup] completed OK!";

        Assert.True(_tool.CompletedOk(new ToolRunResult(0, false, TimeSpan.FromSeconds(5), Ok)));
        Assert.False(_tool.CompletedOk(new ToolRunResult(1, false, TimeSpan.FromSeconds(5), Ok)));
    }

    [Theory]
    [InlineData(BackupToolKind.MariaBackup, typeof(MariaBackupTool))]
    [InlineData(BackupToolKind.XtraBackup, typeof(XtraBackupTool))]
    public void Each_tool_kind_has_its_adapter(BackupToolKind kind, Type adapter)
    {
        Assert.IsType(adapter, BackupTools.For(kind));
        Assert.Equal(kind, BackupTools.For(kind).Kind);
    }
}
