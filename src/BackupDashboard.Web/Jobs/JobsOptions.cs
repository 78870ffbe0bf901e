using BackupDashboard.Engine.Configuration;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// The "BackupDashboard:Jobs" section: where Hangfire keeps its jobs. Changing the storage is a
/// change here and nowhere else (docs/decisions/0001-the-product-stack.md).
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "BackupDashboard:Jobs";

    public const string SQLite = "SQLite";
    public const string PostgreSQL = "PostgreSQL";

    /// <summary>"SQLite" (one machine, the file below) or "PostgreSQL" (many hosts sharing one job store).</summary>
    public string Storage { get; set; } = SQLite;

    /// <summary>The SQLite file; empty means jobs.db in the data folder.</summary>
    public string SQLiteFile { get; set; } = "";

    /// <summary>
    /// Npgsql connection string for "PostgreSQL". It may hold a password: give it through the
    /// environment (<c>BackupDashboard__Jobs__PostgreSQLConnectionString</c>) or a file only the
    /// service can read; it is never logged or shown (<see cref="Describe"/>).
    /// </summary>
    public string PostgreSQLConnectionString { get; set; } = "";

    /// <summary>How often an idle worker looks for a new job. A backup clicked in the UI waits at most this long to start.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the catalog's backup schedules are brought into the job store (a schedule set with bdash takes at most this long).</summary>
    public TimeSpan ScheduleSyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the catalog is searched for new backups to verify (a backup bdash took is verified at most this long after it ended).</summary>
    public TimeSpan VerifySweepInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often schedules are compared with the newest backups for overdue notices (only when a notification channel is configured).</summary>
    public TimeSpan OverdueCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When every server's retention policy is carried out (cron, 5 fields, UTC): daily at 03:00 by default (docs/retention.md).</summary>
    public string RetentionCron { get; set; } = "0 3 * * *";

    public bool IsSQLite => string.Equals(Storage, SQLite, StringComparison.OrdinalIgnoreCase);

    public bool IsPostgreSQL => string.Equals(Storage, PostgreSQL, StringComparison.OrdinalIgnoreCase);

    public string SQLitePath(DataFolder dataFolder) =>
        string.IsNullOrWhiteSpace(SQLiteFile) ? dataFolder.JobStoreFile : Path.GetFullPath(SQLiteFile, dataFolder.Root);

    /// <summary>Where the jobs are, for health and logs: the file, or host, port and database (never the password).</summary>
    public string Describe(DataFolder dataFolder)
    {
        if (IsPostgreSQL)
        {
            var where = new Npgsql.NpgsqlConnectionStringBuilder(PostgreSQLConnectionString);
            return $"PostgreSQL storage {where.Host}:{where.Port}/{where.Database}";
        }

        return $"SQLite storage {SQLitePath(dataFolder)}";
    }

    /// <summary>Refuses a configuration that names no storage this build has, or lacks what it needs.</summary>
    public void Validate()
    {
        if (!IsSQLite && !IsPostgreSQL)
        {
            throw new InvalidOperationException($"{SectionName}:Storage is '{Storage}'; it must be '{SQLite}' or '{PostgreSQL}'.");
        }

        if (IsPostgreSQL && string.IsNullOrWhiteSpace(PostgreSQLConnectionString))
        {
            throw new InvalidOperationException($"{SectionName}:Storage is '{PostgreSQL}' but {SectionName}:PostgreSQLConnectionString is empty.");
        }

        if (IsPostgreSQL)
        {
            try
            {
                _ = new Npgsql.NpgsqlConnectionStringBuilder(PostgreSQLConnectionString);
            }
            catch (ArgumentException e)
            {
                // Npgsql's message names the bad keyword, never the value.
                throw new InvalidOperationException($"{SectionName}:PostgreSQLConnectionString is not a valid connection string: {e.Message}", e);
            }
        }
    }
}
