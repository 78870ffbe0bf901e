using System.ComponentModel;
using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Servers;
using Microsoft.Extensions.Logging;

namespace BackupDashboard.Engine.Rehearsals;

/// <summary>
/// Proves that a server's newest backup really restores (docs/rehearsals.md): restores its newest
/// restore point through a working copy into a scratch folder, lets the restore's verify step
/// start a check server on it and run CHECK TABLE, records pass or fail and the time it took,
/// and deletes the scratch folder whatever happened. The stored backups are only ever read.
/// </summary>
/// <param name="scratchRoot">Where each rehearsal's folder is made (<see cref="Configuration.DataFolder.RehearsalsDir"/>).</param>
public sealed partial class RehearsalRunner(IBackupCatalog catalog, RestoreRunner restores, string scratchRoot, TimeProvider clock, ILogger<RehearsalRunner> logger)
{
    /// <summary>
    /// Rehearses the server's newest restore point. Failures are results, never exceptions; a
    /// cancelled rehearsal deletes its scratch folder and then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<RehearsalResult> RunAsync(string server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ServerName.Require(server);
        var startedAt = clock.GetUtcNow();
        var backups = await catalog.ListAsync(server, cancellationToken).ConfigureAwait(false);
        var (point, whyNone) = NewestRestorePoint.Find(backups);
        if (point is null)
        {
            return NotRun(server, null, $"no restore point to rehearse: {whyNone}", startedAt);
        }

        var folder = Path.Combine(scratchRoot, string.Create(CultureInfo.InvariantCulture, $"{server}-{startedAt:yyyyMMdd'T'HHmmss'Z'}"));
        if (!RehearsalFolder.TryCreate(scratchRoot, folder))
        {
            return NotRun(server, point.Id, $"the scratch folder {folder} exists already (another rehearsal of this server in the same second?): nothing was written", startedAt);
        }

        LogStarted(logger, server, point.Id, folder);
        RehearsalVerdict verdict;
        string log;
        string? cleanupProblem;
        try
        {
            (verdict, log) = await RestoreAsync(point, folder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also on a cancel or an unexpected exception: a restored copy of the data is never left behind.
            cleanupProblem = RehearsalFolder.Delete(folder);
            if (cleanupProblem is not null)
            {
                LogCleanupFailed(logger, server, cleanupProblem);
            }
        }

        // A tool stopped by the cancel ends as a failed step, not as an exception.
        cancellationToken.ThrowIfCancellationRequested();
        log += cleanupProblem is null ? $"scratch folder {folder} deleted{Environment.NewLine}" : $"cleanup: {cleanupProblem}{Environment.NewLine}";
        var result = new RehearsalResult(server, point.Id, verdict.Passed, verdict.Reason, verdict.TimeToRestore, verdict.CheckDuration,
            verdict.TablesChecked, startedAt, clock.GetUtcNow(), log, cleanupProblem);
        if (result.Passed)
        {
            LogPassed(logger, server, point.Id, verdict.TimeToRestore ?? TimeSpan.Zero, result.Reason);
        }
        else
        {
            LogFailed(logger, server, point.Id, result.Reason);
        }

        return result;
    }

    private async Task<(RehearsalVerdict, string)> RestoreAsync(BackupRecord point, string folder, CancellationToken cancellationToken)
    {
        // As the current user (root runs the check server with --user=root): the copy is
        // deleted right after, so no real server's user ever needs to read it, and a 0700
        // folder of root's would keep any other user's check server out of it.
        var options = new RestoreOptions(Path.Combine(folder, RehearsalFolder.DataDirName), Verify: true, Owner: Environment.UserName,
            ScratchDir: Path.Combine(folder, RehearsalFolder.WorkDirName));
        var started = clock.GetTimestamp();
        try
        {
            var plan = await restores.PlanAsync(point.Id, options, cancellationToken).ConfigureAwait(false);
            if (plan.Options.InPlace || plan.Options.WorkDir is not { } work || !RehearsalFolder.Holds(folder, work) || !RehearsalFolder.Holds(folder, plan.PreparedDir))
            {
                // Prepare rewrites what it works on: a rehearsal must never use up the backups it proves.
                throw new RestoreRefusedException($"refused: the plan would prepare {plan.PreparedDir}, not a working copy in {folder}; the stored backups were not touched");
            }

            await restores.CheckAsync(plan, cancellationToken).ConfigureAwait(false);
            var restore = await restores.RunAsync(plan, null, cancellationToken).ConfigureAwait(false);
            var verdict = RehearsalVerdict.Of(restore, clock.GetElapsedTime(started));
            return (verdict, RehearsalLog.Of(restore, verdict));
        }
        catch (Exception e) when (e is RestoreRefusedException or IOException or UnauthorizedAccessException or InvalidOperationException or Win32Exception)
        {
            var reason = $"the restore of {point.Id} did not run: {e.Message}";
            return (RehearsalVerdict.NotRun(reason), reason + Environment.NewLine);
        }
    }

    private RehearsalResult NotRun(string server, string? restorePoint, string reason, DateTimeOffset startedAt)
    {
        LogFailed(logger, server, restorePoint ?? "(none)", reason);
        return new RehearsalResult(server, restorePoint, false, reason, null, null, 0, startedAt, clock.GetUtcNow(), reason + Environment.NewLine, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rehearsing the restore of {Server} from {RestorePoint} in {Folder}")]
    private static partial void LogStarted(ILogger logger, string server, string restorePoint, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rehearsal of {Server} from {RestorePoint} passed: restored in {TimeToRestore}, {Reason}")]
    private static partial void LogPassed(ILogger logger, string server, string restorePoint, TimeSpan timeToRestore, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rehearsal of {Server} from {RestorePoint} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string server, string restorePoint, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rehearsal of {Server}: {Problem}")]
    private static partial void LogCleanupFailed(ILogger logger, string server, string problem);
}
