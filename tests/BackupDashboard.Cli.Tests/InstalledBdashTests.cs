using System.Globalization;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// bdash as installed by scripts/publish-bdash.sh: the native program answers inspect, scan and
/// verify itself, exactly as bdash-core does, and becomes bdash-core (exec, same process) for
/// every other verb.
/// </summary>
public sealed class InstalledBdashTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-installed-");

    [Fact]
    public async Task The_native_bdash_prints_what_bdash_core_prints_for_inspect_scan_and_verify_on_real_backups()
    {
        var installed = Bdash.Installed(_data.Path);
        await using var db = await ThrowawayMariaDb.StartAsync();
        using var backups = new TempFolder("bdash-bk-");
        var full = backups.Combine("full");
        await MariaBackupRun.FullOfOneTableAsync(db, full);
        var toLsn = (await CliRun.RunAsync("inspect", full, "--json")).Json.GetProperty("to_lsn").GetUInt64().ToString(CultureInfo.InvariantCulture);
        await db.ExecuteAsync("UPDATE t.a SET v = 'changed' WHERE id % 500 = 0");
        await MariaBackupRun.QuiesceAsync(db);
        var inc = backups.Combine("inc");
        await MariaBackupRun.BackupAsync(db, inc, full);
        var flipped = backups.Combine("flipped");
        Directory.CreateDirectory(Path.Combine(flipped, "t"));
        var bytes = await File.ReadAllBytesAsync(Path.Combine(full, "t", "a.ibd"));
        bytes[(5 * 16384) + 1234] ^= 0x08;
        await File.WriteAllBytesAsync(Path.Combine(flipped, "t", "a.ibd"), bytes);

        string[][] verbs =
        [
            ["inspect", full, "--json"], ["inspect", inc],
            ["scan", db.DataDir, "--since-lsn", toLsn, "--json"], ["scan", inc, "--since-lsn", toLsn],
            ["verify", full, "--json"], ["verify", inc], ["verify", flipped, "--json"], ["verify", flipped],
            ["verify", backups.Combine("nothing-here")], ["scan", full],
        ];
        foreach (var args in verbs)
        {
            var native = await installed.RunAsync(args);
            var core = await CliRun.RunAsync(args);
            var said = $"bdash {string.Join(' ', args)}";
            Assert.True(core.ExitCode == native.ExitCode, $"{said}: exit {native.ExitCode}, bdash-core {core.ExitCode}{Environment.NewLine}{native.Error}");
            Assert.Equal(core.Output, native.Output);
            Assert.Equal(core.Error, native.Error);
        }

        // What the comparison compared: a clean verify, the flipped page found, bad input refused.
        Assert.Equal(0, (await installed.RunAsync("verify", inc)).ExitCode);
        var bad = await installed.RunAsync("verify", flipped, "--json");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(5, Assert.Single(bad.Json.GetProperty("bad_pages").EnumerateArray()).GetProperty("page_no").GetInt64());
        Assert.Equal(2, (await installed.RunAsync("scan", full)).ExitCode);
    }

    [Fact]
    public async Task Every_other_verb_is_handed_to_bdash_core_in_the_same_process()
    {
        using var datadir = FakeXtraBackup.DataDir(tablespaces: 4);
        var release = _data.Combine("release");
        var installed = Bdash.Installed(_data.Path);
        installed.Environment["FAKE_XTRABACKUP_RELEASE"] = release;
        await installed.AddFakeXtraBackupServerAsync("cron", datadir.Path);

        var (backup, output, _) = installed.Start("backup", "cron", "--full", "--json");
        Assert.True(await Eventually.HoldsAsync(() => Directory.Exists(_data.Combine("credentials"))));
        // The pid that was started is bdash-core's now: no native parent stands between it and a signal.
        var core = Path.Combine(Path.GetDirectoryName(Bdash.InstalledPath)!, "bdash-core");
        Assert.Equal(Path.GetFullPath(core), new FileInfo($"/proc/{backup.Id}/exe").LinkTarget);
        await File.WriteAllTextAsync(release, "");
        await backup.WaitForExitAsync();
        Assert.Equal(0, backup.ExitCode);
        Assert.Contains("\"status\": \"succeeded\"", await output, StringComparison.Ordinal);

        var help = await installed.RunAsync("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains($"Usage:{Environment.NewLine}  bdash [command] [options]", help.Output, StringComparison.Ordinal);
        Assert.Contains("restore <backup-id>", help.Output, StringComparison.Ordinal);
        Assert.Contains("scan <dir>", help.Output, StringComparison.Ordinal);
        var unknown = await installed.RunAsync("bogus");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'bogus'", unknown.Error, StringComparison.Ordinal);
        var refused = await installed.RunAsync("restore", "nope", "--plan");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("No backup 'nope'", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_bdash_core_beside_it_bdash_still_reads_files_and_names_what_is_missing()
    {
        using var alone = new TempFolder("bdash-alone-");
        File.Copy(Bdash.InstalledPath, alone.Combine("bdash"));
        File.SetUnixFileMode(alone.Combine("bdash"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var bdash = new Bdash(_data.Path) { Program = alone.Combine("bdash") };

        var list = await bdash.RunAsync("server", "list");
        Assert.Equal(1, list.ExitCode);
        Assert.Contains($"{alone.Combine("bdash-core")} is missing", list.Error, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(_data.Combine("xtrabackup_checkpoints"), [0x00, 0xFF, 0x13, 0x37]);
        var inspect = await bdash.RunAsync("inspect", _data.Path);
        Assert.Equal(2, inspect.ExitCode);
        Assert.Contains(_data.Combine("xtrabackup_checkpoints"), inspect.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Dispose();
}
