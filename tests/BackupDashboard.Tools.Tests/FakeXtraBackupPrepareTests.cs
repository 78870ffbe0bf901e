using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Tools.Tests;

/// <summary>
/// The fake's --prepare rules, which restore plans will be tested against: Percona's
/// prepare-incremental-backup.md (base and all but the last incremental with --apply-log-only,
/// LSNs in order).
/// </summary>
public sealed class FakeXtraBackupPrepareTests : IDisposable
{
    private readonly TempFolder _folder = new("bdash-xbp-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_incremental_cannot_be_applied_to_a_base_prepared_without_apply_log_only()
    {
        await ChainAsync();
        Assert.True(await RunOkAsync("--prepare", Target("full")));

        var run = await RunAsync("--prepare", Target("full"), $"--incremental-dir={_folder.Combine("inc1")}");

        Assert.Equal(1, run.Result.ExitCode);
        Assert.EndsWith("applying incremental backup needs target prepared with --apply-log-only.", run.Result.LastStderrLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_prepares_in_order_with_apply_log_only_on_all_but_the_last_step()
    {
        await ChainAsync();

        Assert.True(await RunOkAsync("--prepare", "--apply-log-only", Target("full")));
        Assert.True(await RunOkAsync("--prepare", "--apply-log-only", Target("full"), $"--incremental-dir={_folder.Combine("inc1")}"));
        Assert.True(await RunOkAsync("--prepare", Target("full"), $"--incremental-dir={_folder.Combine("inc2")}"));

        var base_ = MetadataFile.Read(_folder.Combine("full", "xtrabackup_checkpoints"));
        var last = MetadataFile.Read(_folder.Combine("inc2", "xtrabackup_checkpoints"));
        Assert.Equal(("full-prepared", last["to_lsn"]), (base_["backup_type"], base_["to_lsn"]));
    }

    [Fact]
    public async Task Incrementals_applied_out_of_order_are_refused()
    {
        await ChainAsync();
        Assert.True(await RunOkAsync("--prepare", "--apply-log-only", Target("full")));

        var run = await RunAsync("--prepare", "--apply-log-only", Target("full"), $"--incremental-dir={_folder.Combine("inc2")}");

        Assert.Equal(1, run.Result.ExitCode);
        Assert.Contains("This incremental backup seems not to be proper for the target.", run.Result.LastStderrLine, StringComparison.Ordinal);
        Assert.Equal("log-applied", MetadataFile.Read(_folder.Combine("full", "xtrabackup_checkpoints"))["backup_type"]);
    }

    private string Target(string name) => $"--target-dir={_folder.Combine(name)}";

    private async Task ChainAsync()
    {
        Assert.True(await RunOkAsync("--backup", Target("full")));
        Assert.True(await RunOkAsync("--backup", Target("inc1"), $"--incremental-basedir={_folder.Combine("full")}"));
        Assert.True(await RunOkAsync("--backup", Target("inc2"), $"--incremental-basedir={_folder.Combine("inc1")}"));
    }

    private async Task<bool> RunOkAsync(params string[] arguments) =>
        BackupTools.For(BackupToolKind.XtraBackup).CompletedOk((await RunAsync(arguments)).Result);

    private Task<FakeXtraBackup.Run> RunAsync(params string[] arguments)
    {
        var defaults = _folder.Combine("client.cnf");
        if (!File.Exists(defaults))
        {
            File.WriteAllText(defaults, "[client]\nuser=\"backup\"\n");
        }

        return FakeXtraBackup.RunAsync(new ToolInvocation(FakeXtraBackup.Path, [$"--defaults-extra-file={defaults}", .. arguments]),
            new Dictionary<string, string>());
    }
}
