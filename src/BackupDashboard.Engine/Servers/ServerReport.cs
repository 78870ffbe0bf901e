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
    IReadOnlyList<string> MissingPrivileges)
{
    public bool ReadyForBackups => MissingPrivileges.Count == 0;
}
