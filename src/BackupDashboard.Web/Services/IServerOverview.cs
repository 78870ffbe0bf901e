using BackupDashboard.Web.Health;

namespace BackupDashboard.Web.Services;

/// <summary>What the Overview and Servers pages show. Pages talk to this, never to the catalog.</summary>
public interface IServerOverview
{
    Task<IReadOnlyList<ServerSummary>> ListServersAsync(CancellationToken cancellationToken);

    Task<HealthReport> CheckHealthAsync(CancellationToken cancellationToken);
}

/// <summary>One registered server, as a row on the page.</summary>
public sealed record ServerSummary(string Name, string Endpoint, string User, string DataDir, string Tool, bool IsSandbox);
