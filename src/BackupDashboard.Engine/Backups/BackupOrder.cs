using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// What the operator asked for. An incremental is based on <see cref="BaseId"/>, or on the
/// server's newest good backup; with <see cref="IncrementalLsn"/> it copies every page newer
/// than that LSN (a cumulative backup, no base directory needed).
/// </summary>
public sealed record BackupOrder(BackupKind Kind, string? BaseId = null, ulong? IncrementalLsn = null, int Parallel = 1, bool PageTracking = false);
