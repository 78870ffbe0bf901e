using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Runs;

/// <summary>
/// What a killed or crashed process left behind, settled when the web app or bdash starts: a run
/// the catalog still calls "running" whose process is gone becomes failed ("interrupted") in the
/// catalog and its manifest, so it is never shown as running, never a base and never a restore
/// point; a tool it left running is stopped (<see cref="OrphanTools"/>); and credentials files of
/// processes that are gone are deleted. Runs of processes that
/// are still going (another bdash, the web app) are left alone.
/// </summary>
public static class InterruptedRuns
{
    public static async Task<IReadOnlyList<BackupRecord>> SettleAsync(IBackupCatalog catalog, DataFolder dataFolder, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataFolder);
        ArgumentNullException.ThrowIfNull(clock);
        CredentialsFile.RemoveLeftovers(dataFolder.CredentialsDir);
        var settled = new List<BackupRecord>();
        foreach (var run in await catalog.ListRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            var runner = RunnerOf(run);
            if (RunnerProcess.IsAlive(runner))
            {
                continue;
            }

            var orphans = await OrphanTools.StopAsync(run.TargetDir, cancellationToken).ConfigureAwait(false);
            var failed = run with
            {
                Status = BackupStatus.Failed,
                EndedAt = clock.GetUtcNow(),
                Bytes = BackupRepository.SizeOf(run.TargetDir),
                Problem = $"Interrupted: the process that ran this backup ({runner ?? "not recorded"}) ended before it finished " +
                    "(killed, crashed, or the machine stopped). Its files are kept for inspection; it is never a base or a restore point." +
                    (orphans.Count == 0 ? "" : $" Its tool was still running (process {string.Join(", ", orphans)}) and was stopped."),
            };
            TrySaveManifest(failed);
            await catalog.SaveAsync(failed, cancellationToken).ConfigureAwait(false);
            settled.Add(failed);
        }

        return settled;
    }

    /// <summary>No readable manifest: nobody can be carrying the run on.</summary>
    private static string? RunnerOf(BackupRecord run) => BackupManifest.TryRead(run.Directory)?.Runner;

    private static void TrySaveManifest(BackupRecord record)
    {
        try
        {
            BackupRepository.Save(record);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The folder is gone or the disk is full: the catalog still says what happened.
        }
    }
}
