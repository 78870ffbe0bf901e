using System.Text;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Tools.Tests;

/// <summary>
/// One real mariabackup full backup of a throwaway server, as the product takes it: a user with
/// a nasty password, MariaBackupTool's argv, a CredentialsFile, ToolProcess. While it runs,
/// every process's command line is read from /proc, looking for the password.
/// </summary>
public sealed class RealMariaBackupRun : IAsyncLifetime
{
    public const string Password = "b@ck'up \"p\\ss\" #42 ";
    private readonly TempFolder _folder = new("bdash-mb-");
    private ThrowawayMariaDb? _db;

    public IBackupTool Tool { get; } = BackupTools.For(BackupToolKind.MariaBackup);
    public string TargetDir => _folder.Combine("full");
    public IReadOnlyDictionary<string, long> DataDirSizes { get; private set; } = new Dictionary<string, long>();
    public ToolRunResult Result { get; private set; } = null!;
    public IReadOnlyList<string> Stderr { get; private set; } = [];
    public string CredentialsPath { get; private set; } = "";
    public int CommandLinesRead { get; private set; }
    public bool SawMariaBackupRunning { get; private set; }
    public List<string> CommandLinesWithThePassword { get; } = [];

    public async Task InitializeAsync()
    {
        var mariabackup = RequiredTool.MariaBackup;
        _db = await ThrowawayMariaDb.StartAsync();
        await _db.ExecuteAsync("CREATE DATABASE shop");
        await _db.ExecuteAsync("CREATE TABLE shop.orders (id INT PRIMARY KEY, note VARCHAR(200)) ENGINE=InnoDB");
        await _db.ExecuteAsync("INSERT INTO shop.orders SELECT seq, REPEAT('x', 200) FROM shop.seq_1_to_40000");
        await _db.ExecuteAsync("CREATE TABLE shop.customers ENGINE=InnoDB AS SELECT seq AS id, MD5(seq) AS name FROM shop.seq_1_to_5000");
        await _db.ExecuteAsync($"CREATE USER 'backup'@'localhost' IDENTIFIED BY {Sql.Literal(Password)}");
        await _db.ExecuteAsync("GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'backup'@'localhost'");
        await _db.ExecuteAsync("FLUSH TABLES");
        DataDirSizes = Directory.EnumerateFiles(_db.DataDir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => "./" + Path.GetRelativePath(_db.DataDir, f), f => new FileInfo(f).Length, StringComparer.Ordinal);

        using var credentials = CredentialsFile.Create(TestCredentials.Folder, "backup", Password, null, null, _db.SocketPath);
        CredentialsPath = credentials.Path;
        var invocation = Tool.Backup(new BackupRequest
        {
            ToolPath = mariabackup,
            TargetDir = TargetDir,
            Kind = BackupKind.Full,
            Parallel = 2,
            DataDir = _db.DataDir,
        }, credentials.Path);
        var stderr = new Dummy.Lines();
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(() => WatchCommandLines(mariabackup, watching.Token));
        Result = await ToolProcess.RunAsync(invocation, null, stderr.Add, CancellationToken.None);
        await watching.CancelAsync();
        await watcher;
        Stderr = stderr.Snapshot();
    }

    public async Task DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        _folder.Dispose();
    }

    private void WatchCommandLines(string mariabackup, CancellationToken stop)
    {
        var password = Encoding.UTF8.GetBytes(Password);
        while (!stop.IsCancellationRequested)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                byte[] cmdline;
                try
                {
                    cmdline = File.ReadAllBytes(Path.Combine(dir, "cmdline"));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue; // the process ended, or is not ours to read
                }

                CommandLinesRead++;
                var text = Encoding.UTF8.GetString(cmdline).Replace('\0', ' ');
                SawMariaBackupRunning |= text.StartsWith(mariabackup + " --defaults-extra-file=", StringComparison.Ordinal);
                if (cmdline.AsSpan().IndexOf(password) >= 0)
                {
                    CommandLinesWithThePassword.Add($"{dir}: {text}");
                }
            }
        }
    }
}
