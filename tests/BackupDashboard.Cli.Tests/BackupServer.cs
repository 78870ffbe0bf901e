using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// A throwaway MariaDB with a backup user whose password is awkward on purpose (quotes,
/// backslash, spaces, '#'), a little data, and a bdash data folder with the server registered.
/// Server options (e.g. <c>innodb_page_size=4k</c>) go to <see cref="ThrowawayMariaDb"/>.
/// </summary>
public sealed class BackupServer : IAsyncLifetime, IAsyncDisposable
{
    public const string Password = "pa ss\"wo'rd\\#1";
    private readonly TempFolder _folder = new("bdash-bk-");

    public BackupServer()
        : this([])
    {
    }

    internal BackupServer(string[] options) => Db = new ThrowawayMariaDb { Options = options };

    public ThrowawayMariaDb Db { get; }
    public string DataDir => _folder.Combine("data");
    public string PasswordFile => _folder.Combine("password");

    internal Bdash Bdash(string? repository = null) => new(DataDir, repository);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        await Db.ExecuteAsync($"CREATE USER 'backup'@'localhost' IDENTIFIED BY '{Sql(Password)}'");
        await Db.ExecuteAsync("GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'backup'@'localhost'");
        await Db.ExecuteAsync("CREATE DATABASE shop");
        await Db.ExecuteAsync("CREATE TABLE shop.orders (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(200), amount INT) ENGINE=InnoDB");
        await Db.ExecuteAsync("INSERT INTO shop.orders (note, amount) SELECT CONCAT('order ', seq), seq FROM shop.seq_1_to_20000");
        await File.WriteAllTextAsync(PasswordFile, Password + "\n");
    }

    /// <summary>Registers the server under <paramref name="name"/> with this user and password file.</summary>
    internal async Task RegisterAsync(string name, string user = "backup", string? socket = null, string? passwordFile = null)
    {
        var run = await Bdash().RunAsync("server", "add", name, "--socket", socket ?? Db.SocketPath, "--user", user,
            "--password-file", passwordFile ?? PasswordFile, "--datadir", Db.DataDir);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        _folder.Dispose();
    }

    private static string Sql(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
