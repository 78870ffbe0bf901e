namespace BackupDashboard.Engine.Restores;

/// <summary>
/// How the prepared result gets into the datadir (docs/restore-plans.md, "Into place"): renamed
/// there when the working copy sits on the datadir's mount, so a kept chain costs one copy as an
/// in-place restore does; otherwise --copy-back, with the reason in the plan.
/// </summary>
internal sealed record ResultPlacement(bool Rename, string Why)
{
    /// <summary>MariaDB's copy-back puts a MyRocks backup's #rocksdb folder in rocksdb_datadir (backup_copy.cc, copy_back()).</summary>
    private const string RocksDbFolder = "#rocksdb";

    public static ResultPlacement Decide(RestoreOptions options, string family, string fullTargetDir)
    {
        if (options.WorkDir is not { } work)
        {
            return CopyBack("in place, the prepared folder is the stored full itself: renaming it would take it out of the repository");
        }

        if (options.MoveBack)
        {
            return CopyBack("--move-back was asked for");
        }

        if (new DirectoryInfo(options.DataDir).LinkTarget is not null)
        {
            return CopyBack($"{options.DataDir} is a symbolic link: a rename would replace the link, not fill what it points to");
        }

        if (MountTable.IsMountPoint(options.DataDir))
        {
            return CopyBack($"{options.DataDir} is a mount point: a rename cannot replace it");
        }

        var dataMount = MountTable.MountOf(options.DataDir);
        var workMount = MountTable.MountOf(work);
        if (dataMount is null || !string.Equals(dataMount, workMount, StringComparison.Ordinal))
        {
            return CopyBack($"the working copy {work} is on {workMount ?? "an unknown mount"} and the datadir on {dataMount ?? "an unknown mount"}: rename(2) works only within one mount");
        }

        if (Directory.Exists(Path.Combine(fullTargetDir, RocksDbFolder)))
        {
            return CopyBack($"the backup holds MyRocks data ({RocksDbFolder}), which copy-back places in rocksdb_datadir");
        }

        var layout = LayoutOptions.Set(family);
        if (layout is null)
        {
            return CopyBack("my_print_defaults could not read the option files, so whether innodb_data_home_dir, innodb_log_group_home_dir or innodb_undo_directory place files outside the datadir is unknown");
        }

        if (layout.Count > 0)
        {
            return CopyBack($"the option files set {string.Join(", ", layout)}: copy-back places those files there, a rename would leave them in the datadir");
        }

        return new(true, $"the working copy {work} is on the same mount as the datadir ({dataMount}) and no option places InnoDB files outside the datadir");
    }

    private static ResultPlacement CopyBack(string why) => new(false, why);
}
