using BackupDashboard.Engine.Tools;

namespace BackupDashboard.TestSupport;

/// <summary>
/// A PostgreSQL cluster of the test's own (Debian's server binaries): fresh data folder, 127.0.0.1
/// on a free port, a socket in its folder, trust auth for the local test only. PostgreSQL refuses
/// to run as root, so initdb and pg_ctl run as the `postgres` user (runuser; tests run as root in
/// CI). Stopped and deleted on dispose. Missing binaries fail with the install command.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly string _bin;

    private ThrowawayPostgres(TempFolder folder, string bin, int port)
    {
        _folder = folder;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    private string DataDir => _folder.Combine("data");

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL's server binaries are not installed (/usr/lib/postgresql/*/bin/initdb): apt-get install postgresql (./test.sh does).");
        }

        var folder = new TempFolder("bdash-pg-");
        var server = new ThrowawayPostgres(folder, bin, LoopbackPort.Free());
        try
        {
            await RunAsync("chown", ["postgres:postgres", folder.Path]);
            await server.AsPostgresAsync("initdb", ["-D", server.DataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
            await server.AsPostgresAsync("pg_ctl", ["-D", server.DataDir, "-w", "-t", "60", "-l", folder.Combine("server.log"),
                "-o", $"-p {server.Port} -k {folder.Path} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            await AsPostgresAsync("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "stop"]);
        }

        _folder.Dispose();
    }

    private Task AsPostgresAsync(string program, string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments]);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var result = await CommandResult.RunAsync(program, arguments, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
        }
    }
}
