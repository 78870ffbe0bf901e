using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Tools.Tests;

/// <summary>The XtraBackup adapter end to end, against the fake (XtraBackup cannot be installed here).</summary>
public sealed class FakeXtraBackupTests : IDisposable
{
    private const string Password = "x'tra \"back\\up\" #1";
    private readonly TempFolder _folder = new("bdash-xb-");
    private readonly IBackupTool _tool = BackupTools.For(BackupToolKind.XtraBackup);

    public FakeXtraBackupTests()
    {
        DataDir = _folder.Combine("datadir");
        Directory.CreateDirectory(System.IO.Path.Combine(DataDir, "shop"));
        File.WriteAllBytes(System.IO.Path.Combine(DataDir, "ibdata1"), new byte[12 << 20]);
        File.WriteAllBytes(System.IO.Path.Combine(DataDir, "undo_001"), new byte[1 << 20]);
        File.WriteAllBytes(System.IO.Path.Combine(DataDir, "shop", "orders.ibd"), new byte[3 << 20]);
        File.WriteAllBytes(System.IO.Path.Combine(DataDir, "shop", "customers.ibd"), new byte[96 << 10]);
    }

    private string DataDir { get; }

    private string CallLog => _folder.Combine("calls.log");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task I_can_take_a_full_then_an_incremental_backup_with_the_fake_xtrabackup()
    {
        var full = await BackupAsync(new BackupRequest { ToolPath = FakeXtraBackup.Path, TargetDir = _folder.Combine("full"), Kind = BackupKind.Full, DataDir = DataDir, Parallel = 2 }, Password);
        var inc = await BackupAsync(new BackupRequest { ToolPath = FakeXtraBackup.Path, TargetDir = _folder.Combine("inc1"), Kind = BackupKind.Incremental, IncrementalBaseDir = _folder.Combine("full"), DataDir = DataDir }, Password);

        Assert.True(_tool.CompletedOk(full.Result), string.Join('\n', full.Stderr));
        Assert.True(_tool.CompletedOk(inc.Result), string.Join('\n', inc.Stderr));
        var fullCheckpoints = MetadataFile.Read(_folder.Combine("full", "xtrabackup_checkpoints"));
        var incCheckpoints = MetadataFile.Read(_folder.Combine("inc1", "xtrabackup_checkpoints"));
        Assert.Equal(("full-backuped", "0"), (fullCheckpoints["backup_type"], fullCheckpoints["from_lsn"]));
        Assert.Equal(("incremental", fullCheckpoints["to_lsn"]), (incCheckpoints["backup_type"], incCheckpoints["from_lsn"]));
        Assert.True(ulong.Parse(incCheckpoints["to_lsn"], System.Globalization.CultureInfo.InvariantCulture) > ulong.Parse(fullCheckpoints["to_lsn"], System.Globalization.CultureInfo.InvariantCulture));
        var info = MetadataFile.Read(_folder.Combine("inc1", "xtrabackup_info"));
        Assert.Equal(("xtrabackup", "Y", "N"), (info["tool_name"], info["incremental"], info["partial"]));
        Assert.True(File.Exists(_folder.Combine("inc1", "shop", "orders.ibd.delta")));

        var calls = File.ReadAllLines(CallLog);
        Assert.Equal(2, calls.Length);
        Assert.All(calls, call => Assert.StartsWith("--defaults-extra-file=", call, StringComparison.Ordinal));
        Assert.Contains("--parallel=2", calls[0], StringComparison.Ordinal);
        Assert.Contains($"--incremental-basedir={_folder.Combine("full")}", calls[1], StringComparison.Ordinal);
        Assert.DoesNotContain(calls, call => call.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Progress_from_the_fake_reaches_100_percent_weighted_by_file_size()
    {
        var run = await BackupAsync(new BackupRequest { ToolPath = FakeXtraBackup.Path, TargetDir = _folder.Combine("full"), Kind = BackupKind.Full, DataDir = DataDir, Parallel = 2 }, Password);
        var sizes = Directory.EnumerateFiles(DataDir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => "./" + System.IO.Path.GetRelativePath(DataDir, f), f => new FileInfo(f).Length, StringComparer.Ordinal);
        var tracker = new BackupProgressTracker(sizes, TimeProvider.System);

        var percents = run.Stderr.Where(tracker.OnStderrLine).Select(_ => tracker.Current.Percent).ToList();

        Assert.Equal(sizes.Values.Sum(), tracker.Current.BytesTotal);
        Assert.Equal(100, tracker.Current.Percent);
        Assert.Equal(percents.Order(), percents);
        Assert.Contains(percents, p => p is > 70 and < 80); // ibdata1 (12 of 16.1 MiB) is done first
    }

    [Fact]
    public async Task A_wrong_password_fails_with_the_tools_own_message()
    {
        var run = await BackupAsync(new BackupRequest { ToolPath = FakeXtraBackup.Path, TargetDir = _folder.Combine("full"), Kind = BackupKind.Full }, "not the password");

        Assert.Equal(1, run.Result.ExitCode);
        Assert.False(_tool.CompletedOk(run.Result));
        Assert.EndsWith("Failed to connect to MySQL server: Access denied for user 'backup'@'localhost' (using password: YES).", run.Result.LastStderrLine, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.Combine("full", "xtrabackup_checkpoints")));
    }

    [Fact]
    public async Task A_target_that_already_holds_a_backup_is_refused()
    {
        var request = new BackupRequest { ToolPath = FakeXtraBackup.Path, TargetDir = _folder.Combine("full"), Kind = BackupKind.Full };
        Assert.True(_tool.CompletedOk((await BackupAsync(request, Password)).Result));
        var before = File.ReadAllText(_folder.Combine("full", "xtrabackup_checkpoints"));

        var again = await BackupAsync(request, Password);

        Assert.Equal(1, again.Result.ExitCode);
        Assert.False(_tool.CompletedOk(again.Result));
        Assert.Contains("File exists", again.Result.LastStderrLine, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_folder.Combine("full", "xtrabackup_checkpoints")));
    }

    [Fact]
    public async Task The_fake_refuses_a_defaults_file_that_is_not_the_first_argument_like_the_real_tool()
    {
        using var credentials = CredentialsFile.Create(TestCredentials.Folder, "backup", Password, "127.0.0.1", 3306, null);
        var misordered = new ToolInvocation(FakeXtraBackup.Path, ["--backup", $"--defaults-extra-file={credentials.Path}", $"--target-dir={_folder.Combine("full")}"]);

        var run = await FakeXtraBackup.RunAsync(misordered, new Dictionary<string, string>());

        Assert.Equal(1, run.Result.ExitCode);
        Assert.EndsWith("--defaults-extra-file must be specified first on the command line", run.Result.LastStderrLine, StringComparison.Ordinal);
    }

    private async Task<FakeXtraBackup.Run> BackupAsync(BackupRequest request, string password)
    {
        using var credentials = CredentialsFile.Create(TestCredentials.Folder, "backup", password, "127.0.0.1", 3306, null);
        var invocation = _tool.Backup(request with { ToolVersion = new Version(8, 0, 35) }, credentials.Path);
        return await FakeXtraBackup.RunAsync(invocation, new Dictionary<string, string>
        {
            ["FAKE_XTRABACKUP_PASSWORD"] = Password,
            ["FAKE_XTRABACKUP_LOG"] = CallLog,
        });
    }
}
