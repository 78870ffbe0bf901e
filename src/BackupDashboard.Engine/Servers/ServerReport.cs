namespace BackupDashboard.Engine.Servers;

/// <summary>What testing a server found out.</summary>
public sealed record ServerReport(
    string Version,
    bool IsMariaDb,
    string DataDir,
    int PageSize,
    string ChecksumAlgorithm,
    ulong CurrentLsn,
    bool PageTrackingInstalled,
    ulong? PageTrackingStartLsn,
    IReadOnlyList<string> MissingPrivileges,
    string ToolName,
    string? ToolPath,
    string? ToolVersion,
    string? ToolProblem)
{
    public bool ReadyForBackups => MissingPrivileges.Count == 0 && ToolProblem is null;

    /// <summary>Page tracking against the server's newest backup (<see cref="Servers.PageTracking"/>); null when not asked.</summary>
    public PageTrackingStatus? PageTracking { get; init; }
}
