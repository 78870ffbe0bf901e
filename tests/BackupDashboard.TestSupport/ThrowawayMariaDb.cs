using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;

namespace BackupDashboard.TestSupport;

/// <summary>
/// A mariadbd of the test's own: fresh datadir in a temp folder, 127.0.0.1 on a free port and a
/// private socket, never the system service. Use as an xunit class fixture (one server per test
/// class) or create and dispose in a test. Shut down and deleted on dispose, also when the
/// test failed. A machine without mariadbd fails the test with the install command: there is
/// no quiet skip. <see cref="Options"/> (option-file lines such as <c>innodb_page_size=4k</c>) apply
/// to the new datadir's initialization and to the server. One public constructor: xunit creates
/// class fixtures through it.
/// </summary>
public sealed class ThrowawayMariaDb : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Starts one for a single test: <c>await using var db = await ThrowawayMariaDb.StartAsync();</c></summary>
    public static async Task<ThrowawayMariaDb> StartAsync(params string[] options)
    {
        var db = new ThrowawayMariaDb { Options = options };
        try
        {
            await db.InitializeAsync();
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    private readonly TempFolder _folder = new("bdash-db-");
    private LocalMariaDbServer? _server;

    public IReadOnlyList<string> Options { get; init; } = [];

    public LocalMariaDbServer Server => _server ?? throw new InvalidOperationException("The server has not been started.");
    public string DataDir => Server.Layout.DataDir;
    public string SocketPath => Server.Layout.SocketPath;
    public int Port => Server.Port;

    public async Task InitializeAsync()
    {
        _server = await LocalMariaDbServer.StartAsync(new LocalServerLayout(_folder.Path), NullLogger.Instance, CancellationToken.None,
            settings: new LocalServerSettings { Options = Options });
    }

    public Task<MySqlConnection> OpenAsync(string? database = null) =>
        ServerConnection.OpenAsync(Server.ConnectionString(database), CancellationToken.None);

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await ServerConnection.ExecuteAsync(connection, sql, CancellationToken.None);
    }

    public async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        return await ServerConnection.ScalarAsync(connection, sql, CancellationToken.None);
    }

    /// <summary>
    /// Waits until InnoDB's checkpoint has passed every change made so far, so that a backup
    /// taken now holds those pages as written and its redo does not rebuild them in prepare
    /// (a test that garbles a stored page needs the garbling to survive).
    /// </summary>
    public async Task CheckpointAsync()
    {
        await ExecuteAsync("SET GLOBAL innodb_max_dirty_pages_pct = 0");
        var written = ulong.Parse(await StatusAsync("INNODB_LSN_CURRENT"), System.Globalization.CultureInfo.InvariantCulture);
        if (!await Eventually.HoldsAsync(async () => ulong.Parse(await StatusAsync("INNODB_LSN_LAST_CHECKPOINT"), System.Globalization.CultureInfo.InvariantCulture) >= written,
            TimeSpan.FromSeconds(20)))
        {
            throw new TimeoutException($"InnoDB's checkpoint did not pass LSN {written} within 20 s.");
        }
    }

    private async Task<string> StatusAsync(string name) =>
        await ScalarAsync($"SELECT variable_value FROM information_schema.global_status WHERE variable_name = '{name}'") ?? "";

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _folder.Dispose();
    }
}
