using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using Microsoft.Extensions.Logging;

namespace BackupDashboard.Engine.LocalServers;

/// <summary>
/// A mariadbd this process starts and owns: the dashboard's sandbox, a test's throwaway server,
/// and the check server that verifies a restored datadir. It listens on 127.0.0.1 and a
/// socket in its own folder, reads no my.cnf (only its own option file), and is shut down by
/// <see cref="DisposeAsync"/>. Root has no password: only the local user can reach it.
/// </summary>
public sealed partial class LocalMariaDbServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly ILogger _logger;
    private int _disposed;

    private LocalMariaDbServer(LocalServerLayout layout, int port, Process process, ILogger logger)
    {
        Layout = layout;
        Port = port;
        ProcessId = process.Id;
        _process = process;
        _logger = logger;
    }

    public LocalServerLayout Layout { get; }
    public int Port { get; }
    public int ProcessId { get; }
    public const string User = "root";

    public string ConnectionString(string? database = null) => ServerConnection.ForSocket(Layout.SocketPath, User, database);

    /// <summary>Initializes the datadir when it is new, starts mariadbd and waits until it answers.</summary>
    public static async Task<LocalMariaDbServer> StartAsync(LocalServerLayout layout, ILogger logger, CancellationToken cancellationToken, int port = 0, LocalServerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(logger);
        settings ??= LocalServerSettings.Default;
        layout.CheckSocketPathLength();
        var mariadbd = settings.Program ?? ExecutableFinder.Require("mariadbd", "mariadb-server");
        Directory.CreateDirectory(layout.TmpDir);
        await StopStrayServerAsync(layout, logger, cancellationToken).ConfigureAwait(false);
        if (!Directory.Exists(Path.Combine(layout.DataDir, "mysql")))
        {
            await InitializeAsync(layout, settings, logger, cancellationToken).ConfigureAwait(false);
        }

        await WriteOptionFileAsync(layout, settings, cancellationToken).ConfigureAwait(false);

        // A free port can be taken by someone else between our probe and mariadbd's bind: when
        // the log says so, try another one.
        var chosenPort = port;
        for (var attempt = 1; ; attempt++)
        {
            port = chosenPort == 0 ? FreeLoopbackPort() : chosenPort;
            var start = new ProcessStartInfo(mariadbd) { UseShellExecute = false };
            foreach (var argument in ServerArguments(layout, port, settings))
            {
                start.ArgumentList.Add(argument);
            }

            var logLength = File.Exists(layout.ErrorLog) ? new FileInfo(layout.ErrorLog).Length : 0;
            var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {mariadbd}.");
            var server = new LocalMariaDbServer(layout, port, process, logger);
            try
            {
                await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
                LogStarted(logger, process.Id, layout.SocketPath, port, layout.DataDir);
                return server;
            }
            catch (InvalidOperationException) when (chosenPort == 0 && attempt < 3 && PortWasTaken(layout, logLength))
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static bool PortWasTaken(LocalServerLayout layout, long logLengthBefore)
    {
        using var log = File.OpenRead(layout.ErrorLog);
        log.Seek(Math.Min(logLengthBefore, log.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(log);
        return reader.ReadToEnd().Contains("Address already in use", StringComparison.Ordinal);
    }

    /// <summary>
    /// The option file is the only one read (--defaults-file, which must come first, as
    /// --no-defaults did before): no my.cnf of the machine leaks in.
    /// </summary>
    internal static IEnumerable<string> ServerArguments(LocalServerLayout layout, int port, LocalServerSettings settings)
    {
        yield return $"--defaults-file={layout.OptionFile}";
        yield return $"--datadir={layout.DataDir}";
        yield return $"--socket={layout.SocketPath}";
        yield return $"--pid-file={layout.PidFile}";
        yield return $"--log-error={layout.ErrorLog}";
        yield return $"--tmpdir={layout.TmpDir}";
        if (settings.Private)
        {
            yield return "--skip-networking";
            yield return "--skip-grant-tables";
        }
        else
        {
            yield return $"--port={port.ToString(CultureInfo.InvariantCulture)}";
            yield return "--bind-address=127.0.0.1";
        }

        // mariadbd refuses to run as root unless told to; any other user runs it as themselves.
        if (Environment.UserName == "root")
        {
            yield return $"--user={settings.RunAs ?? "root"}";
        }
    }

    /// <summary>
    /// Small memory footprint first (several of these run side by side in the test suite), then
    /// the caller's options: in an option file the later line wins. 0600: a key file's password
    /// may be among the options.
    /// </summary>
    private static async Task WriteOptionFileAsync(LocalServerLayout layout, LocalServerSettings settings, CancellationToken cancellationToken)
    {
        string[] lines = ["[mysqld]", "innodb_buffer_pool_size=64M", "innodb_log_file_size=64M", "performance_schema=OFF", .. settings.Options];
        File.Delete(layout.OptionFile);
        await using var file = new FileStream(layout.OptionFile, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(string.Join('\n', lines) + "\n").ConfigureAwait(false);
    }

    private static async Task InitializeAsync(LocalServerLayout layout, LocalServerSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var installDb = ExecutableFinder.Require("mariadb-install-db", "mariadb-server");
        LogInitializing(logger, layout.DataDir);
        var result = await CommandResult.RunAsync(installDb,
        [
            "--no-defaults",
            $"--datadir={layout.DataDir}",
            $"--user={Environment.UserName}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
            // The bootstrap server's temporary tables go to the server's own folder, not the
            // shared /tmp: a bootstrap once failed with "Could not remove temporary table
            // '/tmp/#sql-temptable-…'" while other tests ran beside it.
            $"--tmpdir={layout.TmpDir}",
            .. settings.Options.Select(o => "--" + o),
        ], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"mariadb-install-db failed for {layout.DataDir} (exit {result.ExitCode}):{Environment.NewLine}{result.Tail()}");
        }
    }

    /// <summary>A server left running by a process that died would hold the datadir: stop it.</summary>
    private static async Task StopStrayServerAsync(LocalServerLayout layout, ILogger logger, CancellationToken cancellationToken)
    {
        if (!File.Exists(layout.PidFile) ||
            !int.TryParse(await File.ReadAllTextAsync(layout.PidFile, cancellationToken).ConfigureAwait(false), out var pid) ||
            !Signals.IsAlive(pid))
        {
            return;
        }

        LogStrayServer(logger, pid, layout.DataDir);
        Signals.Send(pid, Signals.Terminate);
        var waited = Stopwatch.StartNew();
        while (Signals.IsAlive(pid) && waited.Elapsed < StopTimeout)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"mariadbd exited with code {_process.ExitCode} while starting on {Layout.DataDir}. " +
                    $"Last lines of {Layout.ErrorLog}:{Environment.NewLine}{ErrorLogTail()}");
            }

            if (File.Exists(Layout.SocketPath))
            {
                try
                {
                    await using var connection = await ServerConnection.OpenAsync(ConnectionString(), cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (MySqlConnector.MySqlException)
                {
                    // Socket exists but the server is not accepting yet.
                }
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException(
                    $"mariadbd did not answer on {Layout.SocketPath} within {StartTimeout.TotalSeconds:0} s. " +
                    $"Last lines of {Layout.ErrorLog}:{Environment.NewLine}{ErrorLogTail()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    public string ErrorLogTail(int lines = 15)
    {
        try
        {
            return File.Exists(Layout.ErrorLog)
                ? string.Join(Environment.NewLine, File.ReadLines(Layout.ErrorLog).TakeLast(lines))
                : "(no error log)";
        }
        catch (IOException e)
        {
            return $"(error log unreadable: {e.Message})";
        }
    }

    /// <summary>Stops the server: SIGTERM is mariadbd's clean shutdown; SIGKILL only if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        // The host may stop and dispose the sandbox from two places; only the first stops it.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Signals.Send(ProcessId, Signals.Terminate);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                LogKilled(_logger, ProcessId, StopTimeout.TotalSeconds);
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            LogStopped(_logger, ProcessId);
        }

        _process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "mariadbd {Pid} is up: socket {Socket}, 127.0.0.1:{Port}, datadir {DataDir}")]
    private static partial void LogStarted(ILogger logger, int pid, string socket, int port, string dataDir);

    [LoggerMessage(Level = LogLevel.Information, Message = "Initializing a new MariaDB datadir in {DataDir}")]
    private static partial void LogInitializing(ILogger logger, string dataDir);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A mariadbd (pid {Pid}) still runs on {DataDir}; stopping it before starting ours")]
    private static partial void LogStrayServer(ILogger logger, int pid, string dataDir);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mariadbd {Pid} did not stop within {Seconds} s; killing it")]
    private static partial void LogKilled(ILogger logger, int pid, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "mariadbd {Pid} stopped")]
    private static partial void LogStopped(ILogger logger, int pid);
}
