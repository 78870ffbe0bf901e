using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Thrown after a backup that did not succeed has been recorded, so that its Hangfire job ends
/// as failed with the reason, as the catalog and the manifest already say.
/// </summary>
public sealed class BackupFailedException(BackupRecord record)
    : Exception($"Backup {record.Id} of '{record.Server}' failed: {FirstLine(record.Problem)}")
{
    public BackupRecord Record => record;

    private static string FirstLine(string? text) =>
        text is null ? "no reason recorded" : text.Split('\n', 2)[0].Trim();
}
