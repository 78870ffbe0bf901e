namespace BackupDashboard.Web.Jobs;

/// <summary>
/// The "BackupDashboard:Jobs" section: where Hangfire keeps its jobs. Changing the storage is a
/// change here and nowhere else (docs/decisions/0001-the-product-stack.md).
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "BackupDashboard:Jobs";

    /// <summary>"SQLite" (one machine, the file below). Other storages are named here when added.</summary>
    public string Storage { get; set; } = "SQLite";

    /// <summary>The SQLite file; empty means jobs.db in the data folder.</summary>
    public string SQLiteFile { get; set; } = "";

    /// <summary>How often an idle worker looks for a new job. A backup clicked in the UI waits at most this long to start.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
