using System.Diagnostics;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// restore --verify with real mariadbd and mariabackup, run as root (as CI runs): the check server
/// uses the backup's settings and the owner's user, and the result starts as the operator starts it.
/// </summary>
public class VerifiedRestoreTests
{
    private const string Owner = "mysql";

    [Fact]
    public async Task A_verified_restore_leaves_every_file_to_the_owner_and_mariadbd_as_that_user_serves_it()
    {
        await using var source = await StartAsync([]);
        await source.Db.ExecuteAsync("CREATE TABLE shop.markers (name VARCHAR(20) PRIMARY KEY) ENGINE=InnoDB");
        await source.Db.ExecuteAsync("INSERT INTO shop.markers VALUES ('verified')");
        using var scratch = OpenFolder();

        var restored = await BackUpAndRestoreAsync(source, scratch.Combine("restored"), "--owner", $"{Owner}:{Owner}");

        Assert.True(restored.GetProperty("succeeded").GetBoolean(), restored.GetProperty("problem").ToString());
        Assert.Equal("", await FilesNotOwnedByAsync(Owner, scratch.Combine("restored")));
        Assert.Equal("verified", await MarkersServedByMariaDbdAsUserAsync(scratch.Combine("restored")));
    }

    [Theory]
    [InlineData("4k")]
    [InlineData("64k")]
    public async Task A_server_with_other_than_16k_pages_restores_and_verifies(string pageSize)
    {
        await using var source = await StartAsync([$"innodb_page_size={pageSize}"]);
        using var scratch = OpenFolder();

        var restored = await BackUpAndRestoreAsync(source, scratch.Combine("restored"));

        Assert.True(restored.GetProperty("succeeded").GetBoolean(), restored.GetProperty("problem").ToString());
        Assert.True(restored.GetProperty("tables_checked").GetInt32() >= 1);
        Assert.Empty(restored.GetProperty("table_problems").EnumerateArray());
    }

    [Fact]
    public async Task Encrypted_tables_are_checked_with_the_key_management_the_backup_recorded_and_without_keys_are_said_to_be_unchecked()
    {
        using var keys = OpenFolder();
        var keyFile = keys.Combine("keys.txt");
        await File.WriteAllTextAsync(keyFile, $"1;{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}\n");
        // As on a real server: the key file belongs to the server's user, who alone reads it.
        Assert.True((await CommandResult.RunAsync("chown", [Owner, keyFile], CancellationToken.None)).Succeeded);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead);
        await using var source = await StartAsync(["plugin_load_add=file_key_management", $"file_key_management_filename={keyFile}", "innodb_encrypt_tables=ON"]);
        await source.Db.ExecuteAsync("CREATE TABLE shop.secrets (name VARCHAR(20) PRIMARY KEY) ENGINE=InnoDB ENCRYPTED=YES");
        await source.Db.ExecuteAsync("INSERT INTO shop.secrets VALUES ('sealed')");
        using var scratch = OpenFolder();
        var target = scratch.Combine("restored");

        var restored = await BackUpAndRestoreAsync(source, target);

        Assert.True(restored.GetProperty("succeeded").GetBoolean(), restored.GetProperty("problem").ToString());
        Assert.Empty(restored.GetProperty("tables_not_checked").EnumerateArray());
        Assert.Empty(restored.GetProperty("table_problems").EnumerateArray());
        Assert.Equal("1", await source.Db.ScalarAsync("SELECT COUNT(*) FROM information_schema.innodb_tablespaces_encryption WHERE name = 'shop/secrets'"));
        Assert.Contains(restored.GetProperty("steps").EnumerateArray(), s => s.GetProperty("note").ToString().StartsWith("CHECK TABLE: all ", StringComparison.Ordinal));

        var keyless = await RestoredServerCheck.RunAsync(new CheckServerRequest(target, "mariabackup", Owner, CheckServerOptions.None), NullLogger.Instance, CancellationToken.None);

        Assert.Contains("`shop`.`secrets`", keyless.Unchecked);
        Assert.Empty(keyless.Problems);
    }

    [Fact]
    public async Task A_key_file_only_root_reads_is_still_used_by_the_check_which_then_runs_as_root_and_says_why()
    {
        using var keys = OpenFolder();
        var keyFile = keys.Combine("keys.txt");
        await File.WriteAllTextAsync(keyFile, $"1;{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}\n");
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead);
        await using var source = await StartAsync(["plugin_load_add=file_key_management", $"file_key_management_filename={keyFile}"]);
        await source.Db.ExecuteAsync("CREATE TABLE shop.secrets (name VARCHAR(20) PRIMARY KEY) ENGINE=InnoDB ENCRYPTED=YES");
        using var scratch = OpenFolder();

        var restored = await BackUpAndRestoreAsync(source, scratch.Combine("restored"));

        Assert.True(restored.GetProperty("succeeded").GetBoolean(), restored.GetProperty("problem").ToString());
        Assert.Empty(restored.GetProperty("tables_not_checked").EnumerateArray());
        Assert.Contains(restored.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains($"the check server ran as root because {Owner} cannot read the key file {keyFile}", StringComparison.Ordinal));
        Assert.Equal("", await FilesNotOwnedByAsync(Owner, scratch.Combine("restored")));
    }

    [Fact]
    public async Task An_xtrabackup_restore_is_not_verified_by_mariadbd_and_the_result_says_the_restore_itself_is_complete()
    {
        using var data = OpenFolder();
        using var datadir = FakeXtraBackup.DataDir(3);
        var bdash = new Bdash(data.Combine("bdash"));
        await bdash.AddFakeXtraBackupServerAsync("pxb", datadir.Path);
        var full = await bdash.JsonAsync("backup", "pxb", "--full");
        var target = data.Combine("restored");

        var run = await bdash.RunAsync("restore", full.GetProperty("id").GetString()!, "--datadir", target, "--verify", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.True(run.Json.GetProperty("restore_complete").GetBoolean());
        var problem = run.Json.GetProperty("problem").GetString()!;
        Assert.Contains($"cannot verify an XtraBackup restore here: no MySQL mysqld found ({ExecutableFinder.Find("mysqld")} is MariaDB)", problem, StringComparison.Ordinal);
        Assert.Contains($"The restore itself is complete: {target} holds", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("partial restore", problem, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, "t0.ibd")));
    }

    private static async Task<BackupServer> StartAsync(string[] options)
    {
        var source = new BackupServer(options);
        try
        {
            await source.InitializeAsync();
            await source.RegisterAsync("db");
            return source;
        }
        catch
        {
            await source.DisposeAsync();
            throw;
        }
    }

    private static async Task<System.Text.Json.JsonElement> BackUpAndRestoreAsync(BackupServer source, string target, params string[] more)
    {
        var bdash = source.Bdash();
        var full = await bdash.JsonAsync("backup", "db", "--full");
        var run = await bdash.RunAsync(["restore", full.GetProperty("id").GetString()!, "--datadir", target, "--verify", .. more, "--json"]);
        Assert.True(run.Output.Length > 0, run.Error);
        return run.Json;
    }

    /// <summary>A temporary folder the server's user can enter (TempFolder makes 0700 folders).</summary>
    private static TempFolder OpenFolder() => RestoredServer.OpenFolder("bdash-vr-");

    private static async Task<string> FilesNotOwnedByAsync(string user, string dir)
    {
        var find = await CommandResult.RunAsync("find", [dir, "!", "-user", user], CancellationToken.None);
        Assert.True(find.Succeeded, find.StandardError);
        return find.StandardOutput.Trim();
    }

    /// <summary>What an operator does next: mariadbd --user=mysql on the result, read the marker over its socket.</summary>
    private static Task<string?> MarkersServedByMariaDbdAsUserAsync(string dataDir) =>
        RestoredServer.ScalarAsync(dataDir, Owner, "SELECT GROUP_CONCAT(name) FROM shop.markers");
}
