namespace BackupDashboard.Engine.Tools;

/// <summary>One backup to take, in the tool's terms. Connection details are not here: they go in a <see cref="CredentialsFile"/>.</summary>
public sealed record BackupRequest
{
    public required string ToolPath { get; init; }
    public required string TargetDir { get; init; }
    public required BackupKind Kind { get; init; }

    /// <summary>--incremental-basedir: the previous backup of the chain.</summary>
    public string? IncrementalBaseDir { get; init; }

    /// <summary>--incremental-lsn: pages changed since this LSN, with no base directory (a cumulative incremental).</summary>
    public ulong? IncrementalLsn { get; init; }

    /// <summary>--parallel=N when above 1.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>--page-tracking; only where <see cref="ToolCapabilities.PageTracking"/> says so and the server has the component.</summary>
    public bool PageTracking { get; init; }

    /// <summary>--incremental-force-scan; only where <see cref="ToolCapabilities.IncrementalForceScan"/> says so.</summary>
    public bool IncrementalForceScan { get; init; }

    /// <summary>--verbose makes the tools print "&gt;&gt; log scanned up to (N)" about once a second.</summary>
    public bool Verbose { get; init; } = true;

    /// <summary>--datadir, when the server's datadir is known (the tools otherwise ask the server or read my.cnf).</summary>
    public string? DataDir { get; init; }

    /// <summary>--databases, --tables, --tables-exclude: a partial backup of only these (docs/tool-adapters.md, "Partial backups").</summary>
    public Backups.PartialFilter? Filter { get; init; }

    /// <summary>The tool's version when known; the adapter then refuses options this version does not have.</summary>
    public Version? ToolVersion { get; init; }
}
