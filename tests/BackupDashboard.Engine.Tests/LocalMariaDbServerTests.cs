using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Sandbox;
using BackupDashboard.Engine.Servers;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupDashboard.Engine.Tests;

public class LocalMariaDbServerTests
{
    [Fact]
    public async Task A_throwaway_server_answers_on_loopback_and_its_socket_and_is_gone_after_dispose()
    {
        var db = await ThrowawayMariaDb.StartAsync();
        var pid = db.Server.ProcessId;
        try
        {
            Assert.Equal(db.DataDir + "/", await db.ScalarAsync("SELECT @@datadir"));
            Assert.Equal("127.0.0.1", await db.ScalarAsync("SELECT @@bind_address"));
            Assert.Equal(db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), await db.ScalarAsync("SELECT @@port"));
            Assert.StartsWith("10.", await db.ScalarAsync("SELECT VERSION()"), StringComparison.Ordinal);
        }
        finally
        {
            await db.DisposeAsync();
        }

        Assert.False(Signals.IsAlive(pid), "mariadbd must have exited after dispose");
        Assert.False(Directory.Exists(db.Server.Layout.BaseDir));
    }

    [Fact]
    public async Task Sample_data_loads_once_with_the_documented_row_counts()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        await using var connection = await db.OpenAsync();

        Assert.True(await SampleData.LoadAsync(connection, CancellationToken.None));
        Assert.False(await SampleData.LoadAsync(connection, CancellationToken.None));
        Assert.Equal($"{SampleData.Orders}", await ServerConnection.ScalarAsync(connection, "SELECT COUNT(*) FROM shop.orders", CancellationToken.None));
        Assert.Equal($"{SampleData.Customers}", await ServerConnection.ScalarAsync(connection, "SELECT COUNT(*) FROM shop.customers", CancellationToken.None));
        Assert.Equal("InnoDB", await ServerConnection.ScalarAsync(connection,
            "SELECT DISTINCT engine FROM information_schema.tables WHERE table_schema = 'shop'", CancellationToken.None));
    }

    [Fact]
    public async Task A_server_that_cannot_start_is_reported_with_its_error_log()
    {
        using var folder = new TempFolder();
        var layout = new LocalServerLayout(folder.Path);
        Directory.CreateDirectory(Path.Combine(layout.DataDir, "mysql"));
        // A datadir that claims to be initialized but holds garbage system tablespace.
        await File.WriteAllBytesAsync(Path.Combine(layout.DataDir, "ibdata1"), new byte[1024]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() =>
            LocalMariaDbServer.StartAsync(layout, NullLogger.Instance, CancellationToken.None));

        Assert.Contains(layout.ErrorLog, error.Message, StringComparison.Ordinal);
        Assert.Contains(layout.DataDir, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_socket_path_too_long_for_unix_sockets_is_refused_with_the_path()
    {
        var layout = new LocalServerLayout("/tmp/" + new string('x', 120));

        var error = Assert.Throws<InvalidOperationException>(layout.CheckSocketPathLength);

        Assert.Contains(layout.SocketPath, error.Message, StringComparison.Ordinal);
    }
}
