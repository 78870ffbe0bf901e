using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Restores;

/// <summary>The steps around prepare: the working copy, copy-back or move-back, ownership, verify.</summary>
internal static class CopySteps
{
    /// <summary>
    /// "/." copies the target's contents, dotfiles included, into a new directory. cp
    /// --reflink=auto asks for FICLONE (a copy-on-write clone: instant, no extra space) and falls
    /// back to a plain copy where the file system has none (GNU coreutils cp(1)). With
    /// <paramref name="sparse"/>, --sparse=always leaves the zero blocks out (the free pages of
    /// every tablespace and the unused part of the redo log: a third of a sysbench full), prepare
    /// runs on that, and the step that puts the result in place allocates those holes again
    /// without writing them (<see cref="HolesToAllocate"/>; docs/restore-plans.md, "The working copy").
    /// A partial restore's copy is not sparse: the operator copies its tables on by hand.
    /// </summary>
    public static RestoreStep WorkingCopy(BackupRecord backup, string copy, bool sparse = true) => new(RestoreStepKind.Copy,
        sparse ? ["cp", "-a", "--reflink=auto", "--sparse=always", backup.TargetDir + "/.", copy] : ["cp", "-a", "--reflink=auto", backup.TargetDir + "/.", copy],
        $"Working copy of {backup.Id} in {copy}: prepare rewrites the base and deletes the .delta files it applies, so it runs on a copy and the stored backup stays restorable. cp --reflink=auto makes copy-on-write clones where the file system supports FICLONE (Btrfs, XFS with reflink) and plain copies elsewhere" +
        (sparse ? "; --sparse=always skips writing the zero blocks (a tablespace's free pages, the redo log's unused part), which are allocated again with fallocate(2), without being written, before the result is put in place, so its files take the same space as the stored backup's." : "."),
        backup.Id)
    {
        Work = new StepWork(backup.TargetDir, copy),
    };

    /// <summary>
    /// An incremental's working copy whose .delta files and redo log are hard links to the stored
    /// ones (docs/restore-plans.md, "The working copy"): prepare reads them, never writes them,
    /// and unlinks the .delta files (the links, never the stored files). Everything else is
    /// copied, because prepare renames a whole-file tablespace (*.new) into the base and then
    /// writes it. Three passes: the tree with every file empty and its attributes, the data of
    /// every file not linked, then the linked ones over their empty placeholders (copied instead
    /// when link(2) is refused, as fs.protected_hardlinks does for files another user owns). The
    /// runner checks after each prepare that no stored file it linked changed.
    /// </summary>
    public static RestoreStep IncrementalWorkingCopy(BackupRecord backup, string copy) => new(RestoreStepKind.Copy,
        ["sh", "-c", LinkReadOnlyFilesScript, "sh", backup.TargetDir, copy],
        $"Working copy of {backup.Id} in {copy}, its .delta files and ib_logfile0 hard-linked to the stored ones and the rest copied: prepare only reads those (and unlinks the .delta files: the links, never the stored files), so linking them costs no copy; " +
        "everything else is copied, since prepare moves whole-file tablespaces (*.new) into the base and writes them. After each prepare the run checks that no stored file it linked changed.",
        backup.Id)
    {
        SharesFilesWith = backup.TargetDir,
        Work = new StepWork(backup.TargetDir, copy),
    };

    /// <summary>The names of the files an incremental's working copy links (find(1) tests).</summary>
    internal const string LinkedFiles = @"\( -name '*.delta' -o -name ib_logfile0 \)";

    private const string LinkReadOnlyFilesScript =
        "cp -a --attributes-only -- \"$1/.\" \"$2\" && cd -- \"$1\" && " +
        "find . -type f ! " + LinkedFiles + " -exec cp -a --reflink=auto --parents -t \"$2\" -- {} + && " +
        "{ find . -type f " + LinkedFiles + " -exec cp -a --link --remove-destination --parents -t \"$2\" -- {} + 2>/dev/null || " +
        "find . -type f " + LinkedFiles + " -exec cp -a --reflink=auto --remove-destination --parents -t \"$2\" -- {} +; }";

    /// <summary>--datadir is always explicit: without it the tools write to /var/lib/mysql (docs/restore-plans.md).</summary>
    public static RestoreStep Back(string tool, string preparedDir, RestoreOptions options, ResultPlacement placement, HolesToAllocate? holes = null)
    {
        if (placement.Rename)
        {
            return new(RestoreStepKind.RenameIntoPlace, ["mv", "-T", "--", preparedDir, options.DataDir],
                $"Rename the prepared {preparedDir} to {options.DataDir}: {placement.Why}, so the restore costs one copy, as an in-place one does. " +
                "One rename(2): the datadir is either absent (or the empty directory it was) or the whole result, never half of it. " +
                "Then the tool's bookkeeping files that --copy-back leaves out (backup-my.cnf, the checkpoints file, *.tmp …) are deleted from it." +
                (holes is null ? "" : " Before the rename, the zero blocks the sparse working copy left out are allocated (fallocate(2), nothing written)."))
            {
                Holes = holes,
            };
        }

        var why = $"Copy, not rename: {placement.Why}.";
        var work = new StepWork(preparedDir, options.DataDir);
        return options.MoveBack
            ? new(RestoreStepKind.MoveBack, [tool, "--move-back", $"--target-dir={preparedDir}", $"--datadir={options.DataDir}"],
                $"Move the prepared files from {preparedDir} into {options.DataDir} (a rename on the same file system; {preparedDir} is left empty). The datadir is given explicitly: the default is /var/lib/mysql." +
                (holes is null ? "" : " Before the move, the zero blocks the sparse working copy left out are allocated (fallocate(2), nothing written).")) { Work = work, Holes = holes }
            : new(RestoreStepKind.CopyBack, [tool, "--copy-back", $"--target-dir={preparedDir}", $"--datadir={options.DataDir}"],
                $"Copy the prepared files from {preparedDir} into {options.DataDir}. {why} The datadir is given explicitly: the default is /var/lib/mysql. The tool refuses a non-empty datadir; it is checked before anything is written anyway.") { Work = work };
    }

    public static RestoreStep Chown(RestoreOptions options) => new(RestoreStepKind.Chown,
        ["chown", "-R", options.Owner, options.DataDir],
        $"The server needs its files owned by its own user ({options.Owner}); after copy-back or the rename they belong to whoever ran the restore. A user or group that does not exist on this machine is refused before anything is written.");

    /// <summary>
    /// A description: the runner starts the server itself (its temporary directory chosen when it
    /// runs, the settings read from the backup's backup-my.cnf; docs/restore-plans.md, "The check server").
    /// </summary>
    public static RestoreStep Verify(ToolCapabilities capabilities, RestoreOptions options)
    {
        var server = capabilities.Family == "mariabackup" ? "mariadbd" : "mysqld";
        var user = options.Owner.Split(':')[0];
        return new(RestoreStepKind.Verify,
            [server, "--no-defaults", $"--datadir={options.DataDir}", $"--user={user}", "--skip-grant-tables", "--skip-networking",
             "--socket=TEMP_DIR/verify.sock", "--pid-file=TEMP_DIR/verify.pid"],
            $"Prove the restored datadir works: start a temporary {server} on it (MariaDB's for mariabackup, MySQL's for XtraBackup) with the InnoDB and encryption settings the backup recorded in backup-my.cnf, as {user} when run by root so that every file it creates belongs to the owner, with no grant tables and no TCP (its socket and pid file in a private temporary directory), run CHECK TABLE over every InnoDB table, report, and shut it down.");
    }
}
