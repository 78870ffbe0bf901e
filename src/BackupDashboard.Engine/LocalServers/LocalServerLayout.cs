namespace BackupDashboard.Engine.LocalServers;

/// <summary>
/// Where a local mariadbd keeps its files: everything under one folder so that a sandbox or a
/// throwaway test server never touches the system's /var/lib/mysql or /run/mysqld.
/// </summary>
public sealed record LocalServerLayout(string BaseDir)
{
    private readonly string? _dataDir;

    /// <summary>A server on an existing datadir (a restored one) with its socket and logs in <paramref name="baseDir"/>.</summary>
    public LocalServerLayout(string baseDir, string dataDir)
        : this(baseDir)
    {
        _dataDir = dataDir;
    }

    // sun_path holds 108 bytes including the terminating NUL.
    private const int MaxSocketPathBytes = 107;

    public string DataDir => _dataDir ?? Path.Combine(BaseDir, "datadir");
    public string SocketPath => Path.Combine(BaseDir, "mysqld.sock");
    public string PidFile => Path.Combine(BaseDir, "mysqld.pid");
    public string ErrorLog => Path.Combine(BaseDir, "mysqld.err");
    public string OptionFile => Path.Combine(BaseDir, "server.cnf");
    public string TmpDir => Path.Combine(BaseDir, "tmp");

    public void CheckSocketPathLength()
    {
        if (System.Text.Encoding.UTF8.GetByteCount(SocketPath) > MaxSocketPathBytes)
        {
            throw new InvalidOperationException(
                $"The socket path '{SocketPath}' is longer than the {MaxSocketPathBytes} bytes a unix socket allows; " +
                "use a shorter data folder (BackupDashboard:DataDir).");
        }
    }
}
