using System.Diagnostics;
using BackupDashboard.Engine.LocalServers;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.TestSupport;

/// <summary>
/// What an operator does after a restore: start mariadbd on the result under the server's own
/// user, and read from it over its socket. Folders for restores that such a server must reach are
/// opened to others (0755), as /var/lib is.
/// </summary>
public static class RestoredServer
{
    /// <summary>A temp folder a server running as another user can traverse.</summary>
    public static TempFolder OpenFolder(string prefix = "bdash-restored-")
    {
        var folder = new TempFolder(prefix);
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_101_101);
        return folder;
    }

    /// <summary>Starts mariadbd --user=<paramref name="owner"/> on <paramref name="dataDir"/>, runs one query as root over the socket, stops it.</summary>
    public static async Task<string?> ScalarAsync(string dataDir, string owner, string sql)
    {
        using var run = OpenFolder("bdash-served-");
        var chown = await CommandResult.RunAsync("chown", [owner, run.Path], CancellationToken.None);
        if (!chown.Succeeded)
        {
            throw new InvalidOperationException($"chown {owner} {run.Path}: {chown.StandardError}");
        }

        var socket = run.Combine("mysqld.sock");
        var start = new ProcessStartInfo(RequiredTool.MariaDbd) { UseShellExecute = false, RedirectStandardError = true };
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        foreach (var argument in (string[])["--no-defaults", $"--user={owner}", $"--datadir={dataDir}", $"--socket={socket}",
                     $"--port={LoopbackPort.Free()}", "--bind-address=127.0.0.1", $"--pid-file={run.Combine("mysqld.pid")}"])
        {
            start.ArgumentList.Add(argument);
        }

        using var mariadbd = new Process { StartInfo = start };
        mariadbd.ErrorDataReceived += (_, line) => log.Enqueue(line.Data ?? "");
        mariadbd.Start();
        mariadbd.BeginErrorReadLine();
        try
        {
            var ready = await Eventually.HoldsAsync(() => log.Any(l => l.Contains("ready for connections", StringComparison.Ordinal)) || mariadbd.HasExited, TimeSpan.FromSeconds(90));
            if (!ready || mariadbd.HasExited)
            {
                throw new InvalidOperationException($"mariadbd on {dataDir} did not start:{Environment.NewLine}{string.Join(Environment.NewLine, log.TakeLast(20))}");
            }

            await using var connection = await ServerConnection.OpenAsync(ServerConnection.ForSocket(socket, "root", null), CancellationToken.None);
            return await ServerConnection.ScalarAsync(connection, sql, CancellationToken.None);
        }
        finally
        {
            Signals.Send(mariadbd.Id, Signals.Terminate);
            await mariadbd.WaitForExitAsync();
        }
    }
}
