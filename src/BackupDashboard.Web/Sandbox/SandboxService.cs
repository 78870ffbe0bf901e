using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Sandbox;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using Microsoft.Extensions.Options;

namespace BackupDashboard.Web.Sandbox;

/// <summary>
/// A newcomer's first server. When no server is registered (or only the sandbox is), the
/// dashboard starts a MariaDB of its own under &lt;DataDir&gt;/sandbox (socket and 127.0.0.1
/// only), loads the sample shop schema once and registers it as "sandbox", so backups and
/// restores can be tried at once. It stops with the dashboard. BackupDashboard:Sandbox = off
/// disables it. A sandbox that fails to start is reported, not fatal: the dashboard still runs.
/// </summary>
internal sealed partial class SandboxService(
    IOptions<BackupDashboardOptions> options,
    DataFolder dataFolder,
    IServerRegistry registry,
    SandboxStatus status,
    ILogger<SandboxService> logger) : IHostedService, IAsyncDisposable
{
    public const string ServerName = "sandbox";
    private LocalMariaDbServer? _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.Equals(options.Value.Sandbox, "off", StringComparison.OrdinalIgnoreCase))
        {
            status.Set(true, "off (BackupDashboard:Sandbox = off)");
            return;
        }

        var servers = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        if (servers.Any(s => !s.IsSandbox))
        {
            status.Set(true, "not needed: other servers are registered");
            return;
        }

        try
        {
            status.Set(true, "starting");
            _server = await LocalMariaDbServer.StartAsync(new LocalServerLayout(dataFolder.SandboxDir), logger, cancellationToken).ConfigureAwait(false);
            await using (var connection = await ServerConnection.OpenAsync(_server.ConnectionString(), cancellationToken).ConfigureAwait(false))
            {
                if (await SampleData.LoadAsync(connection, cancellationToken).ConfigureAwait(false))
                {
                    LogSampleLoaded(logger, SampleData.Schema);
                }
            }

            if (!servers.Any(s => s.IsSandbox))
            {
                await registry.AddAsync(Describe(_server), password: null, cancellationToken).ConfigureAwait(false);
            }

            status.Set(true, $"running: socket {_server.Layout.SocketPath}, datadir {_server.Layout.DataDir}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSandboxFailed(logger, e, dataFolder.SandboxDir);
            status.Set(false, $"failed to start in {dataFolder.SandboxDir}: {e.Message}");
        }
    }

    private static RegisteredServer Describe(LocalMariaDbServer server) => new()
    {
        Name = ServerName,
        SocketPath = server.Layout.SocketPath,
        User = LocalMariaDbServer.User,
        DataDir = server.Layout.DataDir,
        Tool = BackupToolKind.MariaBackup,
        IsSandbox = true,
    };

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            status.Set(true, "stopped");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox: loaded the sample schema '{Schema}'")]
    private static partial void LogSampleLoaded(ILogger logger, string schema);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox MariaDB in {Folder} could not start; the dashboard runs without it")]
    private static partial void LogSandboxFailed(ILogger logger, Exception error, string folder);
}
