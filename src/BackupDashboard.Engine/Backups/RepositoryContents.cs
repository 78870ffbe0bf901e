namespace BackupDashboard.Engine.Backups;

/// <summary>
/// What a catalog rebuild found on disk: the backups it can index, what it could not (with
/// paths and reasons), and notes on what it indexed but an operator should know.
/// </summary>
public sealed record RepositoryContents(IReadOnlyList<BackupRecord> Backups, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes);
