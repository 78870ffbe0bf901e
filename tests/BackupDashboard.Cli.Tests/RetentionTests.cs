using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>bdash retention on a repository of three chains taken through bdash (fake XtraBackup, real files).</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-retention-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 3);

    [Fact]
    public async Task Keep_two_chains_deletes_exactly_the_oldest_whole_chain_and_the_dry_run_listed_the_same()
    {
        var bdash = new Bdash(_data.Path);
        var chains = await ThreeChainsAsync(bdash);
        var set = await bdash.JsonAsync("retention", "set", "shop", "--keep-chains", "2");
        Assert.Equal(2, set.GetProperty("keep_chains").GetInt32());

        var dry = await bdash.JsonAsync("retention", "run", "shop", "--dry-run");
        Assert.True(dry.GetProperty("dry_run").GetBoolean());
        Assert.Equal([chains[0]], Ids(dry, "deleted", "full_id"));
        Assert.Equal([chains[2], chains[1]], Ids(dry, "kept", "full_id"));
        Assert.All(Folders(bdash), folder => Assert.True(Directory.Exists(folder)));

        var run = await bdash.JsonAsync("retention", "run", "shop");

        var deleted = Assert.Single(run.GetProperty("deleted").EnumerateArray());
        var dryDeleted = dry.GetProperty("deleted")[0];
        Assert.Equal(Ids(dryDeleted, "backup_ids"), Ids(deleted, "backup_ids"));
        Assert.Equal(2, Ids(deleted, "backup_ids").Count);
        Assert.Equal(dryDeleted.GetProperty("bytes").GetInt64(), deleted.GetProperty("bytes").GetInt64());
        Assert.True(deleted.GetProperty("bytes").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("problem").ValueKind);
        Assert.Equal(deleted.GetProperty("bytes").GetInt64(), run.GetProperty("bytes_freed").GetInt64());
        var left = await bdash.JsonAsync("chain", "shop");
        Assert.Equal([chains[1], chains[2]], left.GetProperty("chains").EnumerateArray().Select(c => c.GetProperty("backups")[0].GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(left.GetProperty("chains").EnumerateArray(), c => Assert.True(c.GetProperty("valid").GetBoolean()));
        Assert.Equal(4, Folders(bdash).Count);
        Assert.All(Folders(bdash), folder => Assert.True(Directory.Exists(folder)));
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "backups", "shop", chains[0])));

        var shown = await bdash.JsonAsync("retention", "show", "shop");
        var record = Assert.Single(shown.GetProperty("deletions").EnumerateArray());
        Assert.Equal(chains[0], record.GetProperty("full_id").GetString());
        Assert.EndsWith("(bdash)", record.GetProperty("who").GetString(), StringComparison.Ordinal);
        Assert.Equal("older than the 2 newest chains", record.GetProperty("why").GetString());
        Assert.Equal(deleted.GetProperty("bytes").GetInt64(), record.GetProperty("bytes_freed").GetInt64());
        Assert.Empty((await bdash.JsonAsync("retention", "run", "shop")).GetProperty("deleted").EnumerateArray());
        // Nothing comes back from disk: the catalog rebuilt from the manifests holds the four kept backups.
        var rebuilt = await bdash.RunAsync("catalog", "rebuild");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Error);
        Assert.Equal(4, (await bdash.JsonAsync("backups", "shop")).GetArrayLength());
    }

    [Fact]
    public async Task A_chain_a_running_restore_reads_is_kept_until_the_restore_is_done()
    {
        var release = _data.Combine("release-prepare");
        var bdash = new Bdash(_data.Path) { Environment = { ["FAKE_XTRABACKUP_PREPARE_RELEASE"] = release } };
        var chains = await ThreeChainsAsync(bdash);
        await bdash.JsonAsync("retention", "set", "shop", "--keep-chains", "1");
        var target = _data.Combine("restored");
        var (restore, _, restoreError) = bdash.Start("restore", chains[0], "--datadir", target, "--owner", "root");
        Assert.True(await Eventually.HoldsAsync(() => Directory.Exists(target + ".restore-work") || restore.HasExited));

        var during = await bdash.JsonAsync("retention", "run", "shop");
        await File.WriteAllTextAsync(release, "");
        await restore.WaitForExitAsync();

        Assert.True(restore.ExitCode == 0, await restoreError);
        Assert.Equal([chains[1]], Ids(during, "deleted", "full_id"));
        var kept = during.GetProperty("kept").EnumerateArray().Single(k => k.GetProperty("full_id").GetString() == chains[0]);
        Assert.Equal("a running restore uses it", kept.GetProperty("why").GetString());
        var after = await bdash.JsonAsync("retention", "run", "shop");
        Assert.Equal([chains[0]], Ids(after, "deleted", "full_id"));
    }

    [Theory]
    [InlineData("set|shop", "--keep-chains")]
    [InlineData("set|shop|--keep-chains|0", "--keep-chains: keep_chains is a number of chains from 1")]
    [InlineData("set|shop|--keep-days|-3", "--keep-days: keep_days is a number of days from 1")]
    [InlineData("set|shop|--keep-days|week", "week")]
    [InlineData("set|nosuch|--keep-chains|1", "No server 'nosuch' is registered.")]
    [InlineData("set|../etc|--keep-chains|1", "server name")]
    [InlineData("run|shop", "'shop' has no retention policy")]
    [InlineData("run|nosuch", "No server 'nosuch' is registered.")]
    public async Task Bad_retention_input_exits_2_naming_what_is_wrong(string args, string said)
    {
        var bdash = new Bdash(_data.Path);
        await bdash.AddFakeXtraBackupServerAsync("shop", _datadir.Path);

        var run = await bdash.RunAsync(["retention", .. args.Split('|')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(said, run.Error, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Three chains of "shop", a full and an incremental each, oldest first; the fulls' ids.</summary>
    [Fact]
    public async Task Server_remove_keeps_the_backups_unless_with_backups_which_deletes_every_chain_and_records_it()
    {
        var bdash = new Bdash(_data.Path);
        var chains = await ThreeChainsAsync(bdash);
        await bdash.AddFakeXtraBackupServerAsync("other", _datadir.Path);
        var kept = (await bdash.JsonAsync("backup", "other", "--full")).GetProperty("id").GetString()!;

        var keeping = await bdash.RunAsync("server", "remove", "other");
        Assert.True(keeping.ExitCode == 0, keeping.Error);
        Assert.Contains("Its backups stay", keeping.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_data.Path, "backups", "other", kept)));

        var removed = await bdash.RunAsync("server", "remove", "shop", "--with-backups");

        Assert.True(removed.ExitCode == 0, removed.Error);
        Assert.Contains("with its schedule and its 6 backups (3 chains", removed.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "backups", "shop")));
        var servers = await bdash.JsonAsync("server", "list", "--json");
        Assert.DoesNotContain(servers.EnumerateArray(), s => s.GetProperty("name").GetString() == "shop");
        // The catalog rebuilt from disk finds none of them again, and the other server's backup is still there.
        var rebuilt = await bdash.RunAsync("catalog", "rebuild");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Error);
        Assert.Equal(0, (await bdash.JsonAsync("backups", "shop")).GetArrayLength());
        Assert.Equal(1, (await bdash.JsonAsync("backups", "other")).GetArrayLength());
        var unknown = await bdash.RunAsync("server", "remove", "shop", "--with-backups");
        Assert.Equal(2, unknown.ExitCode);

        // Registered again under its name, its deletion history says what went and why.
        await bdash.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
        var deletions = (await bdash.JsonAsync("retention", "show", "shop")).GetProperty("deletions").EnumerateArray().ToList();
        Assert.Equal(chains.Order(StringComparer.Ordinal), deletions.Select(d => d.GetProperty("full_id").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(deletions, d => Assert.Equal("its server shop was removed with its backups", d.GetProperty("why").GetString()));
    }

    private async Task<List<string>> ThreeChainsAsync(Bdash bdash)
    {
        await bdash.AddFakeXtraBackupServerAsync("shop", _datadir.Path);
        var fulls = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            fulls.Add((await bdash.JsonAsync("backup", "shop", "--full")).GetProperty("id").GetString()!);
            await bdash.JsonAsync("backup", "shop", "--incremental");
        }

        return fulls;
    }

    private static List<string> Folders(Bdash bdash) =>
        [.. Directory.EnumerateDirectories(Path.Combine(bdash.DataDir, "backups", "shop"))];

    private static List<string> Ids(JsonElement run, string list, string field) =>
        [.. run.GetProperty(list).EnumerateArray().Select(e => e.GetProperty(field).GetString()!)];

    private static List<string> Ids(JsonElement chain, string field) =>
        [.. chain.GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
