using BackupDashboard.Engine.Servers;
using BackupDashboard.InnoDb.Scanning;
using MySqlConnector;

namespace BackupDashboard.Engine.Overview;

/// <summary>
/// Asks the live server what the catalog cannot know (<see cref="LiveGlance"/>): its current LSN
/// and, when asked and where its datadir can be read from this machine, what an incremental from
/// the newest backup's to_lsn would copy now (docs/overview.md). Nothing is written anywhere.
/// </summary>
public static class LiveLook
{
    public static async Task<LiveGlance> LookAsync(RegisteredServer server, string? password, ulong? newestToLsn, bool predict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ulong current;
        try
        {
            current = await ServerProbe.LsnAsync(server, password, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MySqlException or InvalidOperationException or TimeoutException)
        {
            return new LiveGlance(null, null, null, null, $"Cannot connect to {server.Name} ({server.Endpoint}): {e.Message}");
        }

        var lag = newestToLsn is { } toLsn && current >= toLsn ? current - toLsn : (ulong?)null;
        if (!predict || newestToLsn is not { } since)
        {
            return new LiveGlance(current, lag, null, null, predict ? $"{server.Name} has no backup yet: the next backup is a full." : null);
        }

        if (!Directory.Exists(server.DataDir))
        {
            return new LiveGlance(current, lag, null, null, $"{server.DataDir} is not a folder on this machine, so what an incremental would copy cannot be counted here.");
        }

        try
        {
            // Reading every page: on a core of its own, not the caller's.
            var scan = await Task.Run(() => ChangedPageScanner.Scan(server.DataDir, since, cancellationToken), cancellationToken).ConfigureAwait(false);
            var failed = scan.Failed.Count();
            return new LiveGlance(current, lag, scan.PagesChanged, scan.BytesToCopy,
                failed > 0 ? $"{failed} file(s) of {server.DataDir} could not be read; the count leaves them out." : null, scan.MyRocks.Bytes);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return new LiveGlance(current, lag, null, null, $"{server.DataDir} cannot be read here ({e.Message}), so what an incremental would copy cannot be counted.");
        }
    }
}
