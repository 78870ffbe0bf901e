using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Free space, checked before anything is written. The working copy needs the base plus every
/// delta (reflink clones need less, but cannot be counted on). --copy-back needs the prepared base
/// again in the datadir: on the same file system as the working copy both are needed at once, since
/// the working copy is deleted only at the end. A rename into place needs nothing more.
/// </summary>
public static class RestoreSpace
{
    public static void Check(RestorePlan plan, string? scratch)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // Walk each backup's files once: the base's size counts for both checks.
        var sizes = plan.Chain.Select(b => BackupRepository.SizeOf(b.TargetDir)).ToList();
        var chainBytes = sizes.Sum();
        var copyBackBytes = plan.Steps.Any(s => s.Kind == RestoreStepKind.CopyBack) ? sizes[0] : 0;
        if (scratch is null)
        {
            Require(plan.Options.DataDir, copyBackBytes, "the restored datadir");
        }
        else if (copyBackBytes > 0 && MountTable.DeviceOf(scratch) is { } device && device == MountTable.DeviceOf(plan.Options.DataDir))
        {
            Require(scratch, chainBytes + copyBackBytes, "the working copy of the chain and the copy-back, on one file system");
        }
        else
        {
            Require(scratch, chainBytes, "the working copy of the chain");
            Require(plan.Options.DataDir, copyBackBytes, "the restored datadir");
        }
    }

    private static void Require(string path, long bytes, string what)
    {
        if (bytes == 0)
        {
            return;
        }

        var existing = MountTable.ExistingAncestor(path);
        var free = new DriveInfo(existing).AvailableFreeSpace;
        if (free < bytes)
        {
            throw new RestoreRefusedException(
                $"Not enough space for {what}: {bytes:N0} bytes needed on the file system of {existing}, {free:N0} free.");
        }
    }
}
