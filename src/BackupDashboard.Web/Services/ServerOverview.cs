using BackupDashboard.Engine.Servers;
using BackupDashboard.Web.Health;

namespace BackupDashboard.Web.Services;

internal sealed class ServerOverview(IServerRegistry registry, HealthCheck health) : IServerOverview
{
    public async Task<IReadOnlyList<ServerSummary>> ListServersAsync(CancellationToken cancellationToken)
    {
        var servers = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        return servers.Select(s => new ServerSummary(s.Name, s.Endpoint, s.User, s.DataDir, s.Tool.ToString(), s.IsSandbox)).ToList();
    }

    public Task<HealthReport> CheckHealthAsync(CancellationToken cancellationToken) => health.RunAsync(cancellationToken);
}
