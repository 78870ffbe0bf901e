using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// Two servers backed up at the same moment by two bdash processes both keep their backups, each
/// id names one backup, and a rebuild indexes a repository where an older release let one id
/// stand under two servers; a bare id that names two backups is refused, server/id is not.
/// </summary>
public sealed class BackupIdentityTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-identity-");
    private readonly TempFolder _webData = FakeXtraBackup.DataDir(tablespaces: 2);
    private readonly TempFolder _shopData = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task Two_servers_backed_up_at_once_keep_both_backups_and_rebuild_and_restore_find_each()
    {
        var bdash = new Bdash(_data.Path);
        await bdash.AddFakeXtraBackupServerAsync("web", _webData.Path);
        await bdash.AddFakeXtraBackupServerAsync("shop", _shopData.Path);

        var runs = new[] { bdash.Start("backup", "web", "--full", "--json"), bdash.Start("backup", "shop", "--full", "--json") };
        foreach (var (process, _, _) in runs)
        {
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }

        var web = Assert.Single((await bdash.JsonAsync("backups", "web")).EnumerateArray()).GetProperty("id").GetString()!;
        var shop = Assert.Single((await bdash.JsonAsync("backups", "shop")).EnumerateArray()).GetProperty("id").GetString()!;
        Assert.NotEqual(web, shop);

        var rebuild = await bdash.RunAsync("catalog", "rebuild");
        Assert.Equal(0, rebuild.ExitCode);
        Assert.Contains("Indexed 2 backup(s)", rebuild.Output, StringComparison.Ordinal);
        Assert.Equal(_shopData.Path, await PlannedSourceDataDirAsync(bdash, shop));
    }

    [Fact]
    public async Task An_id_two_servers_hold_from_an_older_release_is_indexed_for_both_and_must_be_named_server_slash_id()
    {
        var bdash = new Bdash(_data.Path);
        await bdash.AddFakeXtraBackupServerAsync("web", _webData.Path);
        await bdash.AddFakeXtraBackupServerAsync("shop", _shopData.Path);
        var id = (await bdash.JsonAsync("backup", "web", "--full")).GetProperty("id").GetString()!;
        // What an older release could leave: the same id under the other server.
        CopyAsBackupOf(_data.Combine("backups", "web", id), _data.Combine("backups", "shop", id), "shop");

        var rebuild = await bdash.RunAsync("catalog", "rebuild");
        var bare = await bdash.RunAsync("restore", id, "--plan");

        Assert.Equal(0, rebuild.ExitCode);
        Assert.Contains("Indexed 2 backup(s)", rebuild.Output, StringComparison.Ordinal);
        Assert.Contains($"note: backup id {id} is held by shop and web", rebuild.Output, StringComparison.Ordinal);
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains($"name one of shop/{id}, web/{id}", bare.Error, StringComparison.Ordinal);
        Assert.Equal(_shopData.Path, await PlannedSourceDataDirAsync(bdash, $"shop/{id}"));
        Assert.Equal(_webData.Path, await PlannedSourceDataDirAsync(bdash, $"web/{id}"));
    }

    /// <summary>The datadir a restore plan targets by default: the restore point's own server's.</summary>
    private static async Task<string> PlannedSourceDataDirAsync(Bdash bdash, string reference) =>
        (await bdash.JsonAsync("restore", reference, "--plan")).GetProperty("datadir").GetString()!;

    private static void CopyAsBackupOf(string from, string to, string server)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var manifest = Path.Combine(to, "manifest.json");
        var text = File.ReadAllText(manifest).Replace("\"server\": \"web\"", $"\"server\": \"{server}\"", StringComparison.Ordinal);
        File.WriteAllText(manifest, text);
        Assert.Equal(server, JsonDocument.Parse(text).RootElement.GetProperty("server").GetString());
    }

    public void Dispose()
    {
        _data.Dispose();
        _webData.Dispose();
        _shopData.Dispose();
    }
}
