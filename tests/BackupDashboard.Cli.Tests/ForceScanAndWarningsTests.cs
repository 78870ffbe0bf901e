using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// bdash backup --incremental-force-scan goes to XtraBackup before 8.0.30 only, and an
/// incremental without page tracking has no warning (docs/tool-adapters.md, "Warnings").
/// Against the fake XtraBackup, whose version the test sets.
/// </summary>
public sealed class ForceScanAndWarningsTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-forcescan-");
    private readonly TempFolder _serverData = FakeXtraBackup.DataDir(tablespaces: 2);

    public void Dispose()
    {
        _data.Dispose();
        _serverData.Dispose();
    }

    [Fact]
    public async Task XtraBackup_8_0_29_is_given_force_scan()
    {
        var bdash = await BdashWithAsync("8.0.29-22");
        await bdash.JsonAsync("backup", "x", "--full");

        var run = await bdash.RunAsync("backup", "x", "--incremental", "--incremental-force-scan");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var calls = await File.ReadAllLinesAsync(_data.Combine("calls.log"));
        Assert.Contains("--incremental-force-scan", calls[^1], StringComparison.Ordinal);
        // Page tracking's warning is checked where a page-tracked incremental runs against a server
        // that answers the component's SQL (PageTrackingTests): bdash asks the server first.
    }

    [Fact]
    public async Task XtraBackup_8_0_30_and_later_refuse_force_scan_with_the_reason_before_anything_runs()
    {
        var bdash = await BdashWithAsync("8.0.35-30");
        await bdash.JsonAsync("backup", "x", "--full");

        var run = await bdash.RunAsync("backup", "x", "--incremental", "--incremental-force-scan");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("8.0.30 removed that algorithm", run.Error, StringComparison.Ordinal);
        Assert.Single(await File.ReadAllLinesAsync(_data.Combine("calls.log")), call => call.Contains("--backup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Force_scan_with_a_full_is_refused_naming_the_option()
    {
        var bdash = await BdashWithAsync("8.0.29-22");

        var run = await bdash.RunAsync("backup", "x", "--full", "--incremental-force-scan");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--incremental-force-scan goes with --incremental", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incremental_without_page_tracking_has_no_warning()
    {
        var bdash = await BdashWithAsync("8.0.35-30");
        await bdash.JsonAsync("backup", "x", "--full");

        var run = await bdash.RunAsync("backup", "x", "--incremental");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.DoesNotContain("warning:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backups_lists_the_MyRocks_bytes_each_backup_holds_with_their_share()
    {
        Directory.CreateDirectory(_serverData.Combine(".rocksdb"));
        await File.WriteAllBytesAsync(_serverData.Combine(".rocksdb", "000012.sst"), new byte[250_000]);
        var bdash = await BdashWithAsync("8.0.35-30");
        await bdash.JsonAsync("backup", "x", "--full");
        await bdash.JsonAsync("backup", "x", "--incremental");

        var table = await bdash.RunAsync("backups", "x");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("MYROCKS", table.Output, StringComparison.Ordinal);
        // Both rows: the incremental holds the MyRocks file whole again.
        Assert.Equal(2, CountOf(table.Output, "250,000 ("));
    }

    private async Task<Bdash> BdashWithAsync(string version)
    {
        var bdash = new Bdash(_data.Path);
        bdash.Environment["FAKE_XTRABACKUP_VERSION"] = version;
        bdash.Environment["FAKE_XTRABACKUP_LOG"] = _data.Combine("calls.log");
        await bdash.AddFakeXtraBackupServerAsync("x", _serverData.Path);
        return bdash;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
