namespace BackupDashboard.Engine.Configuration;

/// <summary>
/// The one folder the product writes to: catalog, job store, sandbox server, keys,
/// backups. Every path the product writes is derived here so nothing lands elsewhere.
/// </summary>
public sealed class DataFolder
{
    public DataFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string CatalogFile => Path.Combine(Root, "catalog.db");
    /// <summary>Hangfire's job storage when it is SQLite (the default; docs/decisions/0001).</summary>
    public string JobStoreFile => Path.Combine(Root, "jobs.db");
    public string SandboxDir => Path.Combine(Root, "sandbox");
    public string KeysDir => Path.Combine(Root, "keys");

    /// <summary>The tools' private option files with server passwords, one 0700 folder per run (CredentialsFile).</summary>
    public string CredentialsDir => Path.Combine(Root, "credentials");
    public string BackupsDir => Path.Combine(Root, "backups");

    /// <summary>One lock file per server while a backup of it runs (ServerBackupLock), one per target datadir while a restore into it runs (RestoreTargetLock).</summary>
    public string LocksDir => Path.Combine(Root, "locks");

    /// <summary>Each restore run's step logs.</summary>
    public string RestoresDir => Path.Combine(Root, "restores");

    /// <summary>The record of each restore run started by the web app, &lt;id&gt;/run.json (docs/formats/restore-run.md).</summary>
    public string RestoreRunsDir => Path.Combine(Root, "restore-runs");

    /// <summary>Scratch folders of restore rehearsals, one per run, deleted when it ends (docs/rehearsals.md).</summary>
    public string RehearsalsDir => Path.Combine(Root, "rehearsals");
    public string AdminAccountFile => Path.Combine(Root, "admin-account.json");
    public string InitialPasswordFile => Path.Combine(Root, "initial-admin-password");

    /// <summary>Resolves the configured DataDir: absolute as given, relative against the content root.</summary>
    public static DataFolder Resolve(BackupDashboardOptions options, string contentRoot)
    {
        var dir = string.IsNullOrWhiteSpace(options.DataDir) ? "data" : options.DataDir;
        return new DataFolder(Path.IsPathRooted(dir) ? dir : Path.Combine(contentRoot, dir));
    }

    /// <summary>
    /// Creates the folder, or makes an existing one private: it holds the catalog (user names,
    /// password ciphertexts), the keys that decrypt them, credentials files and every backup. The
    /// folder becomes 0700, so nothing below it can be reached by another user whatever its own
    /// mode; the files and folders directly in it lose their group and other bits too, in case
    /// the folder is ever opened again. Only what this user owns can be changed; the rest is left.
    /// </summary>
    public void EnsureExists()
    {
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!Directory.Exists(Root))
        {
            Directory.CreateDirectory(Root, OwnerOnly);
            return;
        }

        TryRestrict(Root, OwnerOnly);
        foreach (var entry in Directory.EnumerateFileSystemEntries(Root))
        {
            if (File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
            {
                continue;
            }

            TryRestrict(entry, File.GetUnixFileMode(entry) & OwnerOnly);
        }
    }

    private static void TryRestrict(string path, UnixFileMode mode)
    {
        try
        {
            if (File.GetUnixFileMode(path) != mode)
            {
                File.SetUnixFileMode(path, mode);
            }
        }
        catch (UnauthorizedAccessException)
        {
            // Another user's file (a shared data folder): that user's to protect.
        }
    }
}
