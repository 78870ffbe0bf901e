using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb;
using BackupDashboard.InnoDb.Metadata;
using Microsoft.Extensions.Logging;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Carries out a restore plan: checks the target and the free space before anything is written,
/// runs each step in order keeping its whole output, confirms after prepare that the base says
/// it was prepared (mariabackup copies back an unprepared backup without a word), and stops at
/// the first failing step saying which, with the tool's words and what was left behind.
/// </summary>
public sealed partial class RestoreRunner(IBackupCatalog catalog, IServerRegistry servers, string logRoot, TimeProvider clock, ILogger<RestoreRunner> logger)
{
    public async Task<RestorePlan> PlanAsync(string backupId, RestoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var point = await catalog.FindAsync(backupId, cancellationToken).ConfigureAwait(false)
            ?? throw new RestoreRefusedException($"No backup '{backupId}' in the catalog.");
        var backups = await catalog.ListAsync(point.Server, cancellationToken).ConfigureAwait(false);
        if (options.ToolPath is null && await servers.FindAsync(point.Server, cancellationToken).ConfigureAwait(false) is { ToolPath: { } configured })
        {
            options = options with { ToolPath = configured };
        }

        var plan = RestorePlanner.Plan(point, backups, options with { DataDir = Path.GetFullPath(options.DataDir) });
        // Said in the plan, not only when it runs: a plan is often read long before, or run by hand from the runbook.
        return await RestoreTargetGuard.RunningServerAsync(plan.Options.DataDir, servers, cancellationToken).ConfigureAwait(false) is { } running
            ? plan with { Warnings = [.. plan.Warnings, $"{running}: the restore will be refused until it is stopped (the runbook checks that the datadir is empty)."] }
            : plan;
    }

    public async Task<RestoreResult> RunAsync(RestorePlan plan, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await RestoreTargetGuard.CheckAsync(plan.Options.DataDir, servers, cancellationToken).ConfigureAwait(false);
        var scratch = plan.Options.WorkDir;
        if (scratch is not null && Directory.Exists(scratch) && Directory.EnumerateFileSystemEntries(scratch).Any())
        {
            // Copying into a leftover working copy would merge an earlier, half-prepared run into this one.
            throw new RestoreRefusedException($"The working copy folder {scratch} is not empty (left by an earlier run?): delete it or choose --scratch.");
        }

        RestoreSpace.Check(plan, scratch);
        var logDir = Path.Combine(logRoot, string.Create(CultureInfo.InvariantCulture, $"{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}-{plan.RestorePoint.Id}"));
        Directory.CreateDirectory(logDir);
        if (scratch is not null)
        {
            Directory.CreateDirectory(scratch);
        }

        var outcomes = new List<RestoreStepOutcome>();
        var notes = new List<string>(plan.Warnings);
        TableCheckReport? check = null;
        var prepareSteps = plan.Steps.Count(s => s.Kind == RestoreStepKind.Prepare);
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            progress?.Report(new RestoreProgress(i + 1, plan.Steps.Count, step.Kind, step.Why));
            var logFile = Path.Combine(logDir, string.Create(CultureInfo.InvariantCulture, $"{i + 1:00}-{step.Kind.ToString().ToLowerInvariant()}.log"));
            RestoreStepOutcome outcome;
            if (step.Kind == RestoreStepKind.Verify)
            {
                (outcome, check) = await VerifyAsync(i + 1, step, plan, logFile, cancellationToken).ConfigureAwait(false);
            }
            else if (step.Kind == RestoreStepKind.RenameIntoPlace)
            {
                outcome = await RenameIntoPlace.RunAsync(i + 1, step, plan, logFile, clock).ConfigureAwait(false);
            }
            else if (step.Kind == RestoreStepKind.Chown && await OwnerMissingAsync(plan.Options.Owner, cancellationToken).ConfigureAwait(false) is { } missing)
            {
                outcome = new RestoreStepOutcome(i + 1, step, 0, TimeSpan.Zero, logFile, $"skipped: the user {missing} does not exist on this machine");
            }
            else
            {
                outcome = await RunToolAsync(i + 1, step, logFile, cancellationToken).ConfigureAwait(false);
            }

            outcomes.Add(outcome);
            if (outcome.Note is not null)
            {
                notes.Add($"step {outcome.Number} ({step.Kind}): {outcome.Note}");
            }

            var problem = outcome.ExitCode != 0
                ? $"Step {i + 1} of {plan.Steps.Count} ({step.Kind}) failed with exit code {outcome.ExitCode}:{Environment.NewLine}{Tail(logFile)}"
                : step.Kind == RestoreStepKind.Prepare && --prepareSteps == 0 ? NotPrepared(plan.PreparedDir, plan.RestorePoint) : null;
            if (problem is not null)
            {
                return new RestoreResult(plan, false, $"{problem}{Environment.NewLine}{LeftBehind(plan, step, scratch)}", outcomes, check, logDir, notes);
            }
        }

        if (scratch is not null)
        {
            Directory.Delete(scratch, recursive: true);
        }

        LogRestored(logger, plan.RestorePoint.Id, plan.Options.DataDir);
        return new RestoreResult(plan, true, null, outcomes, check, logDir, notes);
    }

    private static async Task<RestoreStepOutcome> RunToolAsync(int number, RestoreStep step, string logFile, CancellationToken cancellationToken)
    {
        await using var log = new StreamWriter(logFile) { AutoFlush = true };
        await log.WriteLineAsync("$ " + string.Join(' ', step.Argv)).ConfigureAwait(false);
        var result = await ToolProcess.RunAsync(new ToolInvocation(step.Argv[0], step.Argv.Skip(1).ToList()),
            line => log.WriteLine(line), line => log.WriteLine(line), cancellationToken).ConfigureAwait(false);
        return new RestoreStepOutcome(number, step, result.Canceled ? -1 : result.ExitCode, result.Duration, logFile, null);
    }

    private async Task<(RestoreStepOutcome, TableCheckReport?)> VerifyAsync(int number, RestoreStep step, RestorePlan plan, string logFile, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        try
        {
            var check = await RestoredServerCheck.RunAsync(plan.Options.DataDir, logger, cancellationToken).ConfigureAwait(false);
            await File.WriteAllLinesAsync(logFile, [$"CHECK TABLE over {check.TablesChecked} InnoDB tables", .. check.Problems], cancellationToken).ConfigureAwait(false);
            var note = check.Clean ? $"CHECK TABLE: all {check.TablesChecked} InnoDB tables OK" : $"CHECK TABLE found {check.Problems.Count} problem(s)";
            return (new RestoreStepOutcome(number, step, check.Clean ? 0 : 1, clock.GetElapsedTime(started), logFile, note), check);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or MySqlConnector.MySqlException)
        {
            await File.WriteAllTextAsync(logFile, e.Message, cancellationToken).ConfigureAwait(false);
            return (new RestoreStepOutcome(number, step, 1, clock.GetElapsedTime(started), logFile, "the restored server did not start"), null);
        }
    }

    /// <summary>
    /// After the last prepare, the base must say so, at the restore point's to_lsn; otherwise
    /// copy-back or the rename would put an unprepared backup, or another moment, in place.
    /// </summary>
    private static string? NotPrepared(string preparedDir, BackupRecord restorePoint)
    {
        try
        {
            var path = CheckpointsFile.FindIn(preparedDir);
            var checkpoints = path is null ? null : CheckpointsFile.Read(path);
            if (checkpoints is not { IsPrepared: true })
            {
                return $"After prepare, {preparedDir} says backup_type = {checkpoints?.BackupType ?? "(no checkpoints file)"}, not log-applied or full-prepared: it is not prepared, so it is not put in place.";
            }

            return checkpoints.ToLsn == restorePoint.ToLsn
                ? null
                : $"After prepare, {preparedDir} says to_lsn = {checkpoints.ToLsn}, but the restore point {restorePoint.Id} has to_lsn {restorePoint.ToLsn}: it is not put in place.";
        }
        catch (InnoDbFormatException e)
        {
            return $"After prepare, the checkpoints file is unreadable: {e.Message}";
        }
    }

    private static string LeftBehind(RestorePlan plan, RestoreStep failed, string? scratch) => failed.Kind switch
    {
        RestoreStepKind.Copy or RestoreStepKind.Prepare when scratch is not null =>
            $"Left behind: the working copy in {scratch} (delete it when done); the stored backups are untouched and {plan.Options.DataDir} was not written.",
        RestoreStepKind.Copy or RestoreStepKind.Prepare =>
            $"Left behind: the stored chain was being prepared in place and may be partly applied; {plan.Options.DataDir} was not written.",
        RestoreStepKind.RenameIntoPlace =>
            $"Left behind (the step log says which): either the rename failed, {plan.PreparedDir} still holds the prepared copy and {plan.Options.DataDir} was not written, or the rename succeeded and only deleting what copy-back leaves out of {plan.Options.DataDir} failed. The working copy is in {scratch}.",
        _ when plan.Steps.Any(s => s.Kind == RestoreStepKind.RenameIntoPlace) =>
            $"Left behind: {plan.Options.DataDir} holds the prepared restore{(scratch is null ? "" : $"; the rest of the working copy is in {scratch}")}.",
        _ => $"Left behind: {plan.Options.DataDir} may hold a partial restore; the prepared copy is in {plan.PreparedDir}.",
    };

    /// <summary>The user part of "user:group" when no such user exists here (`id` asks NSS, so LDAP users count).</summary>
    private static async Task<string?> OwnerMissingAsync(string owner, CancellationToken cancellationToken)
    {
        var user = owner.Split(':')[0];
        var id = await CommandResult.RunAsync("id", ["-u", user], cancellationToken).ConfigureAwait(false);
        return id.Succeeded ? null : user;
    }

    private static string Tail(string logFile) =>
        string.Join(Environment.NewLine, File.ReadLines(logFile).Where(l => l.Trim().Length > 0).TakeLast(12));

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored {Id} into {DataDir}")]
    private static partial void LogRestored(ILogger logger, string id, string dataDir);
}
