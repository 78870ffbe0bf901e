using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// What the operator asked for. An incremental is based on <see cref="BaseId"/>, or on the
/// server's newest good backup; with <see cref="IncrementalLsn"/> it copies every page newer
/// than that LSN (a cumulative backup, no base directory needed). <see cref="IncrementalForceScan"/>
/// makes XtraBackup before 8.0.30 read every page instead of Percona Server's changed page bitmaps.
/// </summary>
public sealed record BackupOrder(BackupKind Kind, string? BaseId = null, ulong? IncrementalLsn = null, int Parallel = 1, bool PageTracking = false,
    bool IncrementalForceScan = false)
{
    public const int MaxParallel = 64;

    /// <summary>Null when the order holds together, otherwise why not (the runner refuses it before anything is written).</summary>
    public string? Problem() =>
        Parallel is < 1 or > MaxParallel ? $"parallel is 1 to {MaxParallel} copy threads, not {Parallel}."
        : Kind == BackupKind.Full && (BaseId is not null || IncrementalLsn is not null) ? "A full backup takes no base and no incremental LSN."
        : Kind == BackupKind.Full && IncrementalForceScan ? "--incremental-force-scan is for incremental backups: a full reads every page anyway."
        : BaseId is not null && IncrementalLsn is not null ? "Give a base backup or an incremental LSN, not both: the base decides the LSN."
        : null;
}
