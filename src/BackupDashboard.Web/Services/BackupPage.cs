using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Web.Services;

/// <summary>What a backup's page reads (docs/overview.md, "A backup's page").</summary>
public interface IBackupPage
{
    /// <summary>The backup of that server, or null when the catalog has none by that id.</summary>
    Task<BackupDetails?> DetailsAsync(string server, string id, CancellationToken cancellationToken);
}

internal sealed class BackupPage(IBackupCatalog catalog) : IBackupPage
{
    public async Task<BackupDetails?> DetailsAsync(string server, string id, CancellationToken cancellationToken)
    {
        var backups = await catalog.ListAsync(server, cancellationToken).ConfigureAwait(false);
        return backups.FirstOrDefault(b => b.Id == id) is { } record
            // Inspecting walks every .delta's cluster headers: off the circuit's thread.
            ? await Task.Run(() => BackupDetails.Read(record, backups), cancellationToken).ConfigureAwait(false)
            : null;
    }
}
