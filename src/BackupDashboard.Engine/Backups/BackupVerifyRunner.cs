using BackupDashboard.InnoDb;
using BackupDashboard.InnoDb.Verification;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// The verify job's work: every page checksum of a new backup (the same check as bdash verify),
/// the result kept in the backup's manifest and its catalog row. It only reads the backup.
/// </summary>
public sealed class BackupVerifyRunner(IBackupCatalog catalog, TimeProvider clock)
{
    /// <summary>
    /// Succeeded, not yet verified, and still holding the moment it was taken: a backup a restore
    /// prepared in place holds other pages now, and a failed or partial run is no restore point.
    /// </summary>
    public static bool Needs(BackupRecord backup)
    {
        ArgumentNullException.ThrowIfNull(backup);
        return backup.Status == BackupStatus.Succeeded && backup.Verification is null && backup.Consumed is null;
    }

    /// <summary>Verifies and records; null when the backup is gone from the catalog or no longer needs it.</summary>
    public async Task<BackupRecord?> VerifyAsync(string server, string id, CancellationToken cancellationToken)
    {
        var backup = await FindAsync(server, id, cancellationToken).ConfigureAwait(false);
        if (backup is null || !Needs(backup))
        {
            return null;
        }

        BackupVerification verification;
        try
        {
            var report = await Task.Run(() => BackupVerifier.Verify(backup.TargetDir, cancellationToken), cancellationToken).ConfigureAwait(false);
            verification = BackupVerification.From(report, clock.GetUtcNow());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InnoDbFormatException)
        {
            verification = new BackupVerification(BackupVerification.Failed, $"Its files could not be read: {e.Message}", clock.GetUtcNow());
        }

        // Read again: a restore may have marked it consumed meanwhile, and that must not be undone.
        var current = await FindAsync(server, id, cancellationToken).ConfigureAwait(false) ?? backup;
        var verified = current with { Verification = verification };
        BackupRepository.Save(verified);
        await catalog.SaveAsync(verified, CancellationToken.None).ConfigureAwait(false);
        return verified;
    }

    private async Task<BackupRecord?> FindAsync(string server, string id, CancellationToken cancellationToken) =>
        (await catalog.FindByIdAsync(id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(b => string.Equals(b.Server, server, StringComparison.Ordinal));
}
