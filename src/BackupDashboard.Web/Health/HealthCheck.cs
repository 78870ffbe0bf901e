using BackupDashboard.Catalog;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Jobs;
using BackupDashboard.Web.Sandbox;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Web.Health;

/// <summary>
/// Checks what the dashboard needs to work: the catalog answers a query, Hangfire's servers
/// run (<see cref="JobsHealth"/>), and which backup tools are installed (with their versions).
/// Tool detection runs programs, so its result is kept for a minute.
/// </summary>
internal sealed class HealthCheck(
    IDbContextFactory<CatalogDbContext> catalog,
    JobsHealth jobs,
    SandboxStatus sandbox,
    DataFolder dataFolder,
    ToolPaths toolPaths,
    IWebHostEnvironment environment,
    TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan ToolCacheLifetime = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _toolLock = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<ToolHealth> Tools)? _toolCache;

    public async Task<HealthReport> RunAsync(CancellationToken cancellationToken)
    {
        var catalogHealth = await CheckCatalogAsync(cancellationToken).ConfigureAwait(false);
        var jobsHealth = jobs.Check();
        var tools = await DetectToolsAsync(cancellationToken).ConfigureAwait(false);
        var status = catalogHealth.Ok && jobsHealth.Ok ? "healthy" : "unhealthy";
        return new HealthReport(status, catalogHealth, jobsHealth, sandbox.Describe(), tools,
            environment.ContentRootPath, dataFolder.Root);
    }

    private async Task<ComponentHealth> CheckCatalogAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await catalog.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var servers = await db.Servers.CountAsync(cancellationToken).ConfigureAwait(false);
            return new ComponentHealth(true, $"{dataFolder.CatalogFile}: {servers} server(s)");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ComponentHealth(false, $"{dataFolder.CatalogFile}: {e.Message}");
        }
    }

    private async Task<IReadOnlyList<ToolHealth>> DetectToolsAsync(CancellationToken cancellationToken)
    {
        await _toolLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            if (_toolCache is { } cached && now - cached.At < ToolCacheLifetime)
            {
                return cached.Tools;
            }

            var tools = new List<ToolHealth>();
            foreach (var kind in Enum.GetValues<BackupToolKind>())
            {
                var tool = await InstalledTool.DetectAsync(kind, toolPaths.For(kind), cancellationToken).ConfigureAwait(false);
                tools.Add(new ToolHealth(tool.Name, tool.Found, tool.Path, tool.Version, tool.Problem));
            }

            _toolCache = (now, tools);
            return tools;
        }
        finally
        {
            _toolLock.Release();
        }
    }

    public void Dispose() => _toolLock.Dispose();
}
