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
    /// <summary>Which stored backups a working copy in <paramref name="workDir"/> may link to (the work dir's mount is read once).</summary>
    public static Func<string, bool> Allowed(string family, string workDir)
    {
        if (family != "mariabackup" || MountTable.MountOf(workDir) is not { } workMount)
        {
            return _ => false;
        }

        return storedDir => string.Equals(MountTable.MountOf(storedDir), workMount, StringComparison.Ordinal);
    }
}
