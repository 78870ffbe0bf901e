namespace BackupDashboard.Engine.Restores;

/// <summary>
/// When an incremental's working copy may hard-link the stored .delta files and redo log instead
/// of copying them (docs/restore-plans.md, "The working copy"): only for mariabackup, whose
/// prepare was measured to read them without writing them, and only when the stored backup and the
/// working copy are on one mount (link(2) fails with EXDEV across mounts, as rename(2) does).
/// XtraBackup's prepare was not measured here, so its incrementals are always copied.
/// </summary>
internal static class IncrementalLinks
{
    public static bool Allowed(string family, string storedDir, string workDir)
    {
        if (family != "mariabackup")
        {
            return false;
        }

        var stored = MountTable.MountOf(storedDir);
        return stored is not null && string.Equals(stored, MountTable.MountOf(workDir), StringComparison.Ordinal);
    }
}
