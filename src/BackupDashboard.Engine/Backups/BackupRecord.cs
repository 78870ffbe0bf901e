using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// One backup run as the catalog and the manifest know it. <see cref="TargetDir"/> is the
/// tool's target directory (what prepare and copy-back work on); the manifest and the tool's
/// log sit beside it in <see cref="Directory"/>, never inside it, because --copy-back copies
/// everything it finds in the target into the datadir.
/// </summary>
public sealed record BackupRecord
{
    public required string Id { get; init; }
    public required string Server { get; init; }
    public required BackupKind Kind { get; init; }
    public string? ParentId { get; init; }
    public ulong? FromLsn { get; init; }
    public ulong? ToLsn { get; init; }
    public ulong? LastLsn { get; init; }
    public required string ToolName { get; init; }
    public string? ToolVersion { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public long Bytes { get; init; }
    public required BackupStatus Status { get; init; }

    /// <summary>Why a run failed, with the tool's own last words; null when it succeeded.</summary>
    public string? Problem { get; init; }

    /// <summary>The tool's argv with the credentials file named but no secret in it.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    /// <summary>
    /// The tool's info file says partial = Y: the backup holds only some tables. Taken on purpose
    /// when <see cref="Filter"/> is set; never a base, never a whole-server restore point.
    /// </summary>
    public bool Partial { get; init; }

    /// <summary>The databases or tables asked for (bdash backup --databases, --tables, --tables-exclude); null for a whole-server backup.</summary>
    public PartialFilter? Filter { get; init; }
    public required string Directory { get; init; }

    /// <summary>
    /// The process carrying out the run ("pid:starttime", <see cref="Runs.RunnerProcess"/>), kept
    /// in the manifest only: a run still "running" whose process is gone was interrupted.
    /// </summary>
    public string? Runner { get; init; }

    /// <summary>
    /// Set when a restore prepared this backup's own files in place (which, who, where, when):
    /// it no longer holds the moment it was taken and is never a restore point again.
    /// </summary>
    public string? Consumed { get; init; }

    /// <summary>The server the backup was taken from, as it said at the start; null when it could not be asked. Manifest only.</summary>
    public Servers.SourceIdentity? Source { get; init; }

    /// <summary>The page-checksum verify of its files, once it has run (the verify job).</summary>
    public BackupVerification? Verification { get; init; }

    /// <summary>What the run wants the operator to know beyond its status (page tracking started, the tool's wait for the checkpoint). Manifest only.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public string TargetDir => Path.Combine(Directory, BackupLayout.TargetFolder);

    /// <summary>A good backup of the whole server: a base for incrementals and a restore point.</summary>
    public bool IsGood => Status == BackupStatus.Succeeded && !Partial;

    /// <summary>
    /// A partial backup taken on purpose that succeeded: good as what it is, a source of
    /// per-table imports (docs/restore-plans.md, "Partial backups"), but never a base or a
    /// whole-server restore point.
    /// </summary>
    public bool IsGoodPartial => Status == BackupStatus.Succeeded && Partial && Filter is not null;

    /// <summary>The run took what was asked: a good whole-server backup, or a good partial one asked for with a filter.</summary>
    public bool TookWhatWasAsked => IsGood || IsGoodPartial;
}
