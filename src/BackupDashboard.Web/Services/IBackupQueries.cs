using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Web.Services;

/// <summary>What the Backups &amp; chains page shows and starts. The page talks to this, never to the catalog or the runner.</summary>
public interface IBackupQueries
{
    Task<IReadOnlyList<string>> ListServersAsync(CancellationToken cancellationToken);

    /// <summary>The server's newest <paramref name="newest"/> chains, oldest of them first, each checked link by link, and how many chains it has in all.</summary>
    Task<ChainList> ChainsAsync(string server, int newest, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a backup in the background; the task ends with how it went (a refusal included,
    /// never an exception). Null when a backup of this server is already running.
    /// </summary>
    Task<BackupOutcome>? StartBackup(string server, BackupKind kind);

    /// <summary>The server's running backup, whoever started it; null when none runs.</summary>
    RunProgressView? RunningBackup(string server);
}
