using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Free space, checked before anything is written: the working copy needs the base plus every
/// delta on the scratch file system (reflink clones need less, but cannot be counted on), and
/// copy-back needs the prepared base again on the target's file system.
/// </summary>
public static class RestoreSpace
{
    public static void Check(RestorePlan plan, string? scratch)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Walk each backup's files once: the base's size counts for both checks.
        var sizes = plan.Chain.Select(b => BackupRepository.SizeOf(b.TargetDir)).ToList();
        var chainBytes = sizes.Sum();
        var baseBytes = sizes[0];
        if (scratch is not null)
        {
            Require(scratch, chainBytes, "the working copy of the chain");
        }

        if (!plan.Options.MoveBack)
        {
            Require(plan.Options.DataDir, baseBytes, "the restored datadir");
        }
    }

    private static void Require(string path, long bytes, string what)
    {
        var existing = ExistingAncestor(path);
        var free = new DriveInfo(existing).AvailableFreeSpace;
        if (free < bytes)
        {
            throw new RestoreRefusedException(
                $"Not enough space for {what}: {bytes:N0} bytes needed on the file system of {existing}, {free:N0} free.");
        }
    }

    private static string ExistingAncestor(string path)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(path));
        while (!dir.Exists && dir.Parent is not null)
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }
}
