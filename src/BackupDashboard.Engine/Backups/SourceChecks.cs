using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Before a backup starts: ask the server who it is (recorded in the manifest as <c>source</c>),
/// refuse when a local server's @@datadir is not the registered datadir (the tool would be
/// pointed at another server's files, and progress measured against them), and refuse an
/// incremental whose base was taken from another server (docs/formats/manifest.md).
/// </summary>
internal static class SourceChecks
{
    /// <summary>The server's identity, or null when it cannot be asked (the tool then says why it cannot connect either).</summary>
    public static async Task<SourceIdentity?> IdentifyAsync(RegisteredServer server, string? password, BackupRecord? parent, CancellationToken cancellationToken)
    {
        SourceIdentity source;
        try
        {
            source = await ServerProbe.IdentityAsync(server, password, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MySqlConnector.MySqlException or InvalidOperationException)
        {
            return null;
        }

        if (IsLocal(server) && !SameFolder(server.DataDir, source.DataDir))
        {
            throw new BackupRefusedException(
                $"'{server.Name}' is registered with datadir {server.DataDir}, but the server it reaches ({server.Endpoint}) says @@datadir = {source.DataDir}: register the datadir it uses.");
        }

        if (parent is not null && BaseSource(parent) is { } baseSource && baseSource.DifferenceFrom(source) is { } difference)
        {
            throw new BackupRefusedException(
                $"The base {parent.Id} was taken from another server: {difference}. An incremental only builds on a backup of the same server; take a full backup.");
        }

        return source;
    }

    private static SourceIdentity? BaseSource(BackupRecord parent) => BackupManifest.TryRead(parent.Directory)?.Source;

    /// <summary>A unix socket, or a loopback address: the datadir is on this machine.</summary>
    private static bool IsLocal(RegisteredServer server) =>
        server.SocketPath is not null || server.Host is "127.0.0.1" or "localhost" or "::1";

    private static bool SameFolder(string registered, string reported)
    {
        var a = SourceIdentity.SameDir(Path.GetFullPath(registered));
        var b = SourceIdentity.SameDir(Path.GetFullPath(reported));
        return a == b || (Directory.Exists(a) && Directory.Exists(b) && Real(a) == Real(b));
    }

    /// <summary>The folder with every symbolic link on its path resolved (realpath(3)), so /var/lib/mysql -> /srv/db matches.</summary>
    private static string Real(string folder)
    {
        var info = new DirectoryInfo(folder);
        var parent = info.Parent is null ? null : Real(info.Parent.FullName);
        var here = parent is null ? info.FullName : Path.Combine(parent, info.Name);
        return new DirectoryInfo(here).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? here;
    }
}
