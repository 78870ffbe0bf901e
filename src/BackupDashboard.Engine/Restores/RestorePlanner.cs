using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Works out a restore before anything runs (docs/restore-plans.md): the chain from the full to the restore
/// point, a working copy of it unless in place (prepare consumes what it touches), the prepare
/// steps for the tool family and version, copy-back or move-back with an explicit --datadir,
/// ownership, and an optional verify. A partial backup gets the per-table import plan of
/// <see cref="PartialRestorePlanner"/> instead, never a copy-back. Refuses, naming backups and LSNs, what cannot work.
/// </summary>
public static class RestorePlanner
{
    public static RestorePlan Plan(BackupRecord restorePoint, IReadOnlyList<BackupRecord> serverBackups, RestoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(restorePoint);
        ArgumentNullException.ThrowIfNull(serverBackups);
        ArgumentNullException.ThrowIfNull(options);
        RestoreRequestCheck.Require(options);

        options = options with
        {
            DataDir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDir)),
            ScratchDir = options.ScratchDir is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.ScratchDir)),
        };
        RefuseUnlessGood(restorePoint);
        // A partial backup is a full of some tables: it alone is what its import needs.
        var chain = restorePoint.Partial ? [restorePoint] : RestorePath.Find(restorePoint, serverBackups);
        var problems = RestorePath.Problems(chain);
        problems.AddRange(PlacementProblems(chain, options));
        if (problems.Count > 0)
        {
            throw new RestoreRefusedException(
                $"Cannot restore {restorePoint.Id} (server {restorePoint.Server}, to_lsn {restorePoint.ToLsn}): {string.Join("; ", problems)}. Chain: {RestorePath.Describe(chain)}.");
        }

        if (restorePoint.Partial)
        {
            // Only some tables: imported one by one into a running server, never copied back whole.
            return PartialRestorePlanner.Plan(restorePoint, options);
        }

        var capabilities = RestorePath.CapabilitiesOf(restorePoint)!;
        var tool = options.ToolPath ?? restorePoint.ToolName;
        var work = options.WorkDir;
        var dirs = chain.Select(b => work is null ? b.TargetDir : Path.Combine(work, b.Id)).ToList();
        var steps = new List<RestoreStep>();
        if (work is not null)
        {
            // The full's working copy is rewritten by every prepare, so it is always a real copy.
            var linkable = IncrementalLinks.Allowed(capabilities.Family, work);
            steps.AddRange(chain.Select((b, i) => i > 0 && linkable(b.TargetDir)
                ? CopySteps.IncrementalWorkingCopy(b, dirs[i])
                : CopySteps.WorkingCopy(b, dirs[i])));
        }

        steps.AddRange(PrepareSteps.For(chain, dirs, tool, capabilities));
        var checkpointsName = Path.GetFileName(CheckpointsFile.FindIn(chain[0].TargetDir)) ?? capabilities.CheckpointsFileName;
        var holes = options.WorkDir is null ? null : new HolesToAllocate(dirs[0], chain[0].TargetDir);
        steps.Add(CopySteps.Back(tool, dirs[0], options, ResultPlacement.Decide(options, capabilities.Family, chain[0].TargetDir), holes));
        steps.Add(CopySteps.Chown(options));
        if (options.Verify)
        {
            steps.Add(CopySteps.Verify(capabilities, options));
        }

        return new RestorePlan(restorePoint, chain, steps, dirs[0], options, Warnings(chain, options))
        {
            CheckpointsFileName = checkpointsName,
        };
    }

    private static void RefuseUnlessGood(BackupRecord point)
    {
        var why = point.Status switch
        {
            BackupStatus.Failed or BackupStatus.Cancelled or BackupStatus.Running => $"it {BackupStatusWords.NotGood(point)}",
            _ when point.Partial && point.Kind != BackupKind.Full => "it is a partial incremental backup: an incremental after a partial backup may be inconsistent, and only a partial full's tables are imported",
            _ => null,
        };
        if (why is not null)
        {
            throw new RestoreRefusedException($"Cannot restore {point.Id} (server {point.Server}, to_lsn {point.ToLsn}): {why}.");
        }
    }

    private static List<string> Warnings(List<BackupRecord> chain, RestoreOptions options)
    {
        var warnings = new List<string>();
        if (options.InPlace)
        {
            warnings.Add($"In place: the stored chain is used up by this restore ({string.Join(", ", chain.Select(b => b.Id))}): prepare rewrites {chain[0].Id} and deletes the .delta files it applies. Take a new full backup afterwards.");
            if (options.MoveBack)
            {
                warnings.Add($"--move-back in place moves the files of {chain[0].Id} out of the repository: nothing of it remains there.");
            }
        }

        // Known only to the docs, not to the files: said so the operator can judge the chain.
        warnings.AddRange(chain.SelectMany(BackupWarnings.ForBackup));
        return warnings;
    }

    /// <summary>Copy-back into a backup, or a working copy inside the datadir or a backup, would copy a tree into itself.</summary>
    private static IEnumerable<string> PlacementProblems(List<BackupRecord> chain, RestoreOptions options)
    {
        foreach (var backup in chain.Where(b => Inside(options.DataDir, b.Directory)))
        {
            yield return $"the target datadir {options.DataDir} is inside backup {backup.Id}";
        }

        if (options.WorkDir is not { } work)
        {
            yield break;
        }

        if (Inside(work, options.DataDir) || Inside(options.DataDir, work))
        {
            yield return $"the working copy {work} and the target datadir {options.DataDir} must be separate directories";
        }

        foreach (var backup in chain.Where(b => Inside(work, b.Directory)))
        {
            yield return $"the working copy {work} is inside backup {backup.Id}";
        }
    }

    private static bool Inside(string path, string folder)
    {
        var relative = Path.GetRelativePath(Path.GetFullPath(folder), path);
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }
}
