using System.Text.Json;
using System.Text.Json.Nodes;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// Each backup records which server it came from; a registration whose datadir is not the local
/// server's @@datadir is refused, and so is an incremental whose base came from another server.
/// </summary>
public class BackupSourceTests : IClassFixture<BackupServer>
{
    private readonly BackupServer _server;

    public BackupSourceTests(BackupServer server) => _server = server;

    [Fact]
    public async Task A_backup_records_its_source_and_an_incremental_on_a_base_from_another_server_is_refused()
    {
        await _server.RegisterAsync("src");
        var bdash = _server.Bdash();
        var full = await bdash.JsonAsync("backup", "src", "--full");
        var manifestPath = Path.Combine(Path.GetDirectoryName(full.GetProperty("path").GetString())!, "manifest.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        var source = manifest["source"]!;

        Assert.Equal($"socket {_server.Db.SocketPath}", (string?)source["endpoint"]);
        Assert.Equal(System.Net.Dns.GetHostName(), (string?)source["hostname"]);
        Assert.Equal(Path.TrimEndingDirectorySeparator(_server.Db.DataDir), Path.TrimEndingDirectorySeparator((string)source["datadir"]!));
        Assert.Contains("MariaDB", (string?)source["version"], StringComparison.Ordinal);

        // As if the registration now reached another machine's server: the base is not this server's.
        source["hostname"] = "elsewhere";
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
        var incremental = await bdash.RunAsync("backup", "src", "--incremental");

        Assert.Equal(2, incremental.ExitCode);
        Assert.Contains($"The base {full.GetProperty("id").GetString()} was taken from another server: elsewhere:", incremental.Error, StringComparison.Ordinal);
        Assert.Single((await bdash.JsonAsync("backups", "src")).EnumerateArray());
    }

    [Fact]
    public async Task A_local_server_registered_with_another_datadir_is_refused_before_anything_is_written()
    {
        using var elsewhere = new TempFolder("bdash-notdatadir-");
        var bdash = _server.Bdash();
        var added = await bdash.RunAsync("server", "add", "wrongdir", "--socket", _server.Db.SocketPath, "--user", "backup",
            "--password-file", _server.PasswordFile, "--datadir", elsewhere.Path);
        Assert.Equal(0, added.ExitCode);

        var backup = await bdash.RunAsync("backup", "wrongdir", "--full");

        Assert.Equal(2, backup.ExitCode);
        Assert.Contains($"is registered with datadir {elsewhere.Path}, but the server it reaches (socket {_server.Db.SocketPath}) says @@datadir = ", backup.Error, StringComparison.Ordinal);
        Assert.Empty((await bdash.JsonAsync("backups", "wrongdir")).EnumerateArray());
        Assert.False(Directory.Exists(Path.Combine(_server.DataDir, "backups", "wrongdir")));
    }
}
