using System.Text.Json;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Servers;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>What ./run.sh does on a fresh machine: no server configured, so a sandbox appears.</summary>
public class SandboxTests
{
    [Fact]
    public async Task With_nothing_registered_the_dashboard_starts_a_sandbox_with_sample_data_and_stops_it_on_exit()
    {
        _ = RequiredTool.MariaDbd;
        int pid;
        string socket;
        using (var factory = DashboardFactory.WithSandbox())
        {
            using var client = await factory.CreateSignedInClientAsync();
            using var health = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
            var servers = await factory.Services.GetRequiredService<IServerRegistry>().ListAsync(CancellationToken.None);

            var sandbox = Assert.Single(servers);
            Assert.True(sandbox.IsSandbox);
            Assert.Equal("sandbox", sandbox.Name);
            Assert.StartsWith(factory.DataDir, sandbox.SocketPath, StringComparison.Ordinal);
            Assert.StartsWith(factory.DataDir, sandbox.DataDir, StringComparison.Ordinal);
            Assert.True(health.RootElement.GetProperty("sandbox").GetProperty("ok").GetBoolean());
            Assert.StartsWith("running", health.RootElement.GetProperty("sandbox").GetProperty("detail").GetString(), StringComparison.Ordinal);

            socket = sandbox.SocketPath!;
            await using var connection = await ServerConnection.OpenAsync(ServerConnection.ForSocket(socket, sandbox.User), CancellationToken.None);
            Assert.Equal("20000", await ServerConnection.ScalarAsync(connection, "SELECT COUNT(*) FROM shop.orders", CancellationToken.None));
            Assert.Equal("127.0.0.1", await ServerConnection.ScalarAsync(connection, "SELECT @@bind_address", CancellationToken.None));
            pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(factory.DataDir, "sandbox", "mysqld.pid")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Signals.IsAlive(pid));
        }

        Assert.False(Signals.IsAlive(pid), "the sandbox mariadbd must stop with the dashboard");
    }
}
