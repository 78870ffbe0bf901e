using System.Diagnostics;
using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.RestoreRuns;
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
/// <param name="locksDir">Where the one-restore-per-datadir locks live (<see cref="RestoreTargetLock"/>).</param>
public sealed partial class RestoreRunner(IBackupCatalog catalog, IServerRegistry servers, string logRoot, string locksDir, TimeProvider clock, ILogger<RestoreRunner> logger)
{
    public async Task<RestorePlan> PlanAsync(string backupId, RestoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var point = await FindPointAsync(catalog, backupId, cancellationToken).ConfigureAwait(false);
        var backups = await catalog.ListAsync(point.Server, cancellationToken).ConfigureAwait(false);
        if (options.ToolPath is null && await servers.FindAsync(point.Server, cancellationToken).ConfigureAwait(false) is { ToolPath: { } configured })
        {
            options = options with { ToolPath = configured };
        }

        // The planner checks the request and makes its paths absolute.
        var plan = RestorePlanner.Plan(point, backups, options);
        if (plan.IsPartial)
        {
            // Its tables go into a running server: that the target runs is what it needs.
            return plan;
        }

        // Said in the plan, not only when it runs: a plan is often read long before, or run by hand from the runbook.
        return await RestoreTargetGuard.RunningServerAsync(plan.Options.DataDir, servers, cancellationToken).ConfigureAwait(false) is { } running
            ? plan with { Warnings = [.. plan.Warnings, $"{running}: the restore will be refused until it is stopped (the runbook checks that the datadir is empty)."] }
            : plan;
    }

    /// <summary>The backup an operator named as the restore point, refused when there is none or the name is ambiguous.</summary>
    public static async Task<BackupRecord> FindPointAsync(IBackupCatalog catalog, string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await catalog.FindAsync(reference, cancellationToken).ConfigureAwait(false)
                ?? throw new RestoreRefusedException($"No backup '{reference}' in the catalog.");
        }
        catch (AmbiguousBackupIdException e)
        {
            throw new RestoreRefusedException(e.Message);
        }
    }

    /// <summary>
    /// Everything that refuses a restore before anything is written (another restore into the
    /// datadir, a server on it, a non-empty target or working copy, free space), for callers that
    /// answer before the run starts (the API). <see cref="RunAsync"/> checks all of it again.
    /// </summary>
    public async Task CheckAsync(RestorePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.RequireRunnable();
        RestoreTargetLock.Check(locksDir, plan.Options.DataDir);
        await CheckTargetAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    public Task<RestoreResult> RunAsync(RestorePlan plan, IProgress<RestoreProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(plan, progress, followSteps: true, cancellationToken);

    /// <param name="followSteps">
    /// Whether each running step is measured once a second (<see cref="StepWatch"/>); false when
    /// nobody reads more than the step's start (bdash writing to a file), so no tree is walked for nothing.
    /// </param>
    public async Task<RestoreResult> RunAsync(RestorePlan plan, IProgress<RestoreProgress>? progress, bool followSteps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.RequireRunnable();
        // Held for the whole run, taken before anything is written: two restores into one datadir
        // would mix their files, and the second's checks would pass while the first still copies.
        using var targetLock = RestoreTargetLock.Acquire(locksDir, plan.Options.DataDir);
        // Retention never deletes a chain a restore reads, nor does a restore start on one being deleted.
        using var chainInUse = Retention.ChainUseLock.TryUse(locksDir, plan.RestorePoint.Server, plan.Chain[0].Id)
            ?? throw new RestoreRefusedException($"A retention run is deleting the chain of {plan.RestorePoint.Id} (full {plan.Chain[0].Id}) right now: nothing was written.");
        await CheckTargetAsync(plan, cancellationToken).ConfigureAwait(false);
        var scratch = plan.Options.WorkDir;
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
        string LogFileOf(int i) => Path.Combine(logDir, string.Create(CultureInfo.InvariantCulture, $"{i + 1:00}-{plan.Steps[i].Kind.ToString().ToLowerInvariant()}.log"));
        var linkedFiles = LinkedFilesWatch.Take(plan);
        // Disk writes of the working copy start as soon as each part of it is copied (the full's
        // copy, then the incrementals'), so that they overlap the full's prepare.
        var writebacks = new System.Collections.Concurrent.ConcurrentBag<WorkingCopyWriteback>();
        var spent = new List<Task>();
        var copies = new IncrementalCopies(plan, (i, ct) => RunToolAsync(i + 1, plan.Steps[i], LogFileOf(i), ct),
            copied: () => writebacks.Add(WorkingCopyWriteback.Start(scratch!, cancellationToken)));
        try
        {
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                var step = plan.Steps[i];
                if (copies.Covers(i))
                {
                    if (i == copies.First)
                    {
                        copies.Start(cancellationToken);
                    }

                    continue;
                }

                if (!copies.MayRunAlongside(i))
                {
                    // Every copy of an incremental is done before anything but the full's own prepare runs.
                    foreach (var (number, copied) in await copies.FinishedAsync().ConfigureAwait(false))
                    {
                        outcomes.Add(copied);
                        outcomes.Sort((a, b) => a.Number.CompareTo(b.Number));
                        if (copied.ExitCode != 0)
                        {
                            return new RestoreResult(plan, false,
                                $"Step {number} of {plan.Steps.Count} (Copy) failed with exit code {copied.ExitCode}:{Environment.NewLine}{Tail(copied.LogFile)}{Environment.NewLine}{LeftBehind(plan, copied.Step, scratch)}",
                                outcomes, check, logDir, notes);
                        }
                    }
                }

                var logFile = LogFileOf(i);
                var begun = new RestoreProgress(i + 1, plan.Steps.Count, step.Kind, step.Why) { LogFile = logFile };
                progress?.Report(begun);
                await using var watch = followSteps ? StepWatch.Start(step, begun, progress, clock) : null;
                RestoreStepOutcome outcome;
                if (step.Kind == RestoreStepKind.Prepare && plan.Options.InPlace && plan.Chain[0].Consumed is null)
                {
                    // From its first prepare on, the stored full holds a later moment than it was taken.
                    await MarkConsumedAsync(plan, cancellationToken).ConfigureAwait(false);
                }

                if (step.Kind == RestoreStepKind.Verify)
                {
                    (outcome, check) = await VerifyAsync(i + 1, step, plan, logFile, cancellationToken).ConfigureAwait(false);
                }
                else if (step.Kind == RestoreStepKind.RenameIntoPlace)
                {
                    outcome = await RenameIntoPlace.RunAsync(i + 1, step, plan, logFile, clock).ConfigureAwait(false);
                }
                else
                {
                    outcome = await RunToolAsync(i + 1, step, logFile, cancellationToken).ConfigureAwait(false);
                }

                outcomes.Add(outcome);
                if (outcome.ExitCode == 0 && scratch is not null && SpentIncrementalCopy.Of(step, scratch) is { } spentDir)
                {
                    spent.Add(SpentIncrementalCopy.StartRemoving(spentDir));
                }

                if (step.Kind == RestoreStepKind.Copy && outcome.ExitCode == 0 && scratch is not null)
                {
                    writebacks.Add(WorkingCopyWriteback.Start(scratch, cancellationToken));
                }

                if (outcome.Note is not null)
                {
                    notes.Add($"step {outcome.Number} ({step.Kind}): {outcome.Note}");
                }

                var problem = step.Kind == RestoreStepKind.Prepare && linkedFiles.Changed() is { Count: > 0 } changed
                    ? $"Step {i + 1} of {plan.Steps.Count} (Prepare) wrote into stored backup files through the working copy's hard links, which the tool was measured never to do: {string.Join(", ", changed)}. " +
                      "Those backups may be damaged: run bdash verify on them before relying on them, and report the tool version."
                    : outcome.ExitCode != 0
                    ? $"Step {i + 1} of {plan.Steps.Count} ({step.Kind}) failed{(step.Kind == RestoreStepKind.Verify ? $" ({outcome.Note})" : $" with exit code {outcome.ExitCode}")}:{Environment.NewLine}{Tail(logFile)}"
                    : step.Kind == RestoreStepKind.Prepare && --prepareSteps == 0 ? NotPrepared(plan.PreparedDir, plan.RestorePoint) : null;
                if (problem is not null)
                {
                    // No copy may go on behind a failed run.
                    await copies.FinishedAsync().ConfigureAwait(false);
                    var verifyOnly = step.Kind == RestoreStepKind.Verify;
                    if (verifyOnly && scratch is not null)
                    {
                        await Task.WhenAll(spent).ConfigureAwait(false);
                        Directory.Delete(scratch, recursive: true);
                    }

                    return new RestoreResult(plan, false, $"{problem}{Environment.NewLine}{LeftBehind(plan, step, scratch)}", outcomes, check, logDir, notes)
                    {
                        RestoreComplete = verifyOnly,
                    };
                }
            }

            if (scratch is not null)
            {
                await Task.WhenAll(spent).ConfigureAwait(false);
                Directory.Delete(scratch, recursive: true);
            }
        }
        finally
        {
            // The copies end first (they add the last writeback), then every writeback is waited for.
            await copies.FinishedAsync().ConfigureAwait(false);
            foreach (var writeback in writebacks)
            {
                await writeback.FinishAsync().ConfigureAwait(false);
            }

            await Task.WhenAll(spent).ConfigureAwait(false);
        }

        LogRestored(logger, plan.RestorePoint.Id, plan.Options.DataDir);
        return new RestoreResult(plan, true, null, outcomes, check, logDir, notes);
    }

    private async Task CheckTargetAsync(RestorePlan plan, CancellationToken cancellationToken)
    {
        await RestoreTargetGuard.CheckAsync(plan.Options.DataDir, servers, cancellationToken).ConfigureAwait(false);
        if (plan.Steps.Any(s => s.Kind == RestoreStepKind.Chown))
        {
            await RestoreRequestCheck.RequireOwnerExistsAsync(plan.Options.Owner, cancellationToken).ConfigureAwait(false);
        }

        var scratch = plan.Options.WorkDir;
        if (scratch is not null && Directory.Exists(scratch) && Directory.EnumerateFileSystemEntries(scratch).Any())
        {
            // Copying into a leftover working copy would merge an earlier, half-prepared run into this one.
            throw new RestoreRefusedException($"The working copy folder {scratch} is not empty (left by an earlier run?): delete it or choose --scratch.") { Field = "scratch" };
        }

        RestoreSpace.Check(plan, scratch);
    }

    private static async Task<RestoreStepOutcome> RunToolAsync(int number, RestoreStep step, string logFile, CancellationToken cancellationToken)
    {
        await using var log = new StreamWriter(logFile) { AutoFlush = true };
        var started = Stopwatch.GetTimestamp();
        if (step.Holes is { } holes && !await HoleAllocation.RunAsync(holes, log).ConfigureAwait(false))
        {
            return new RestoreStepOutcome(number, step, 1, Stopwatch.GetElapsedTime(started), logFile, null);
        }

        await log.WriteLineAsync("$ " + string.Join(' ', step.Argv)).ConfigureAwait(false);
        var result = await ToolProcess.RunAsync(new ToolInvocation(step.Argv[0], step.Argv.Skip(1).ToList()),
            line => log.WriteLine(line), line => log.WriteLine(line), cancellationToken).ConfigureAwait(false);
        return new RestoreStepOutcome(number, step, result.Canceled ? -1 : result.ExitCode, Stopwatch.GetElapsedTime(started), logFile, null);
    }

    private async Task<(RestoreStepOutcome, TableCheckReport?)> VerifyAsync(int number, RestoreStep step, RestorePlan plan, string logFile, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var owner = await OwnerMissingAsync(plan.Options.Owner, cancellationToken).ConfigureAwait(false) is null ? plan.Options.Owner : null;
        var backupSettings = BackupServerSettings.ReadFirst(plan.Chain.Reverse().Select(b => b.TargetDir).Append(plan.PreparedDir));
        var runAs = owner?.Split(':')[0];
        var options = CheckServerOptions.From(backupSettings);
        var asRoot = runAs is null || Environment.UserName != "root" ? null : await WhyNotAsUserAsync(runAs, plan.Options.DataDir, options.KeyFile, cancellationToken).ConfigureAwait(false) is { } why
            ? $"the check server ran as root because {why} (the real server will need that too); the datadir was chowned to {owner} afterwards"
            : null;
        var request = new CheckServerRequest(plan.Options.DataDir, RestorePath.CapabilitiesOf(plan.RestorePoint)!.Family, asRoot is null ? runAs : null, options);
        try
        {
            var check = await RestoredServerCheck.RunAsync(request, logger, cancellationToken).ConfigureAwait(false);
            check = asRoot is null ? check : check with { Notes = [.. check.Notes, asRoot] };
            var owned = await OwnAgainAsync(owner, plan.Options.DataDir, cancellationToken).ConfigureAwait(false);
            await File.WriteAllLinesAsync(logFile,
                [$"CHECK TABLE over {check.TablesChecked} InnoDB tables", .. check.Problems, .. check.Unchecked.Select(t => $"{t}: encrypted, not checked"), .. check.Notes, .. owned is null ? Array.Empty<string>() : [owned]],
                cancellationToken).ConfigureAwait(false);
            return (new RestoreStepOutcome(number, step, check.Clean && owned is null ? 0 : 1, clock.GetElapsedTime(started), logFile, CheckNote(check, owned)), check);
        }
        catch (CheckServerUnavailableException e)
        {
            await File.WriteAllTextAsync(logFile, e.Message, cancellationToken).ConfigureAwait(false);
            return (new RestoreStepOutcome(number, step, 1, clock.GetElapsedTime(started), logFile, e.Message), null);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or MySqlConnector.MySqlException)
        {
            await File.WriteAllTextAsync(logFile, e.Message, cancellationToken).ConfigureAwait(false);
            await OwnAgainAsync(owner, plan.Options.DataDir, cancellationToken).ConfigureAwait(false);
            return (new RestoreStepOutcome(number, step, 1, clock.GetElapsedTime(started), logFile, "the check server did not start on the restored datadir"), null);
        }
    }

    private static string CheckNote(TableCheckReport check, string? owned)
    {
        var note = check.Clean ? $"CHECK TABLE: all {check.TablesChecked - check.Unchecked.Count} InnoDB tables OK" : $"CHECK TABLE found {check.Problems.Count} problem(s)";
        if (check.Unchecked.Count > 0)
        {
            note += $"; {check.Unchecked.Count} encrypted table(s) could not be checked without their keys ({string.Join(", ", check.Unchecked)})";
        }

        return string.Join("; ", [note, .. check.Notes, .. owned is null ? Array.Empty<string>() : [owned]]);
    }

    /// <summary>
    /// Why the server's user cannot run the check (a datadir it cannot enter, a key file it cannot
    /// read), asked as that user with runuser(1) from util-linux (installed with Debian); null when it can.
    /// </summary>
    private static async Task<string?> WhyNotAsUserAsync(string user, string dataDir, string? keyFile, CancellationToken cancellationToken)
    {
        if (!await AsUserAsync(user, ["-x", dataDir, "-a", "-r", dataDir], cancellationToken).ConfigureAwait(false))
        {
            return $"{user} cannot enter {dataDir} (a parent folder's permissions)";
        }

        return keyFile is not null && !await AsUserAsync(user, ["-r", keyFile], cancellationToken).ConfigureAwait(false)
            ? $"{user} cannot read the key file {keyFile}"
            : null;
    }

    private static async Task<bool> AsUserAsync(string user, IEnumerable<string> testArguments, CancellationToken cancellationToken) =>
        (await CommandResult.RunAsync("runuser", ["-u", user, "--", "test", .. testArguments], cancellationToken).ConfigureAwait(false)).Succeeded;

    /// <summary>
    /// The check server ran as the owner's user, so what it created is the owner's; chown again
    /// all the same, because its files get that user's primary group, not the group asked for.
    /// Returns a problem in words, or null.
    /// </summary>
    private static async Task<string?> OwnAgainAsync(string? owner, string dataDir, CancellationToken cancellationToken)
    {
        if (owner is null || Environment.UserName != "root")
        {
            return null;
        }

        var chown = await CommandResult.RunAsync("chown", ["-R", owner, dataDir], cancellationToken).ConfigureAwait(false);
        return chown.Succeeded ? null : $"chown -R {owner} {dataDir} after the check failed: {chown.Tail()}";
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
            return checkpoints switch
            {
                { IsPrepared: false } or null =>
                    $"After prepare, {preparedDir} says backup_type = {checkpoints?.BackupType ?? "(no checkpoints file)"}, not log-applied or full-prepared: it is not prepared, so it is not copied back.",
                _ when checkpoints.ToLsn != restorePoint.ToLsn =>
                    $"After prepare, {preparedDir} ends at to_lsn {checkpoints.ToLsn}, the restore point {restorePoint.Id} at {restorePoint.ToLsn}: it holds another moment, so it is not put in place.",
                _ => null,
            };
        }
        catch (InnoDbFormatException e)
        {
            return $"After prepare, the checkpoints file is unreadable: {e.Message}";
        }
    }

    /// <summary>Records in the full's manifest and the catalog that an in-place restore is using it up.</summary>
    private async Task MarkConsumedAsync(RestorePlan plan, CancellationToken cancellationToken)
    {
        var consumed = plan.Chain[0] with
        {
            Consumed = string.Create(CultureInfo.InvariantCulture,
                $"prepared in place on {clock.GetUtcNow():yyyy-MM-dd HH:mm:ss}Z by the restore of {plan.RestorePoint.Id} into {plan.Options.DataDir}"),
        };
        BackupManifest.Write(consumed);
        await catalog.SaveAsync(consumed, cancellationToken).ConfigureAwait(false);
    }

    private static string LeftBehind(RestorePlan plan, RestoreStep failed, string? scratch) => failed.Kind switch
    {
        RestoreStepKind.Copy or RestoreStepKind.Prepare when scratch is not null =>
            $"Left behind: the working copy in {scratch} (delete it when done); the stored backups are untouched and {plan.Options.DataDir} was not written.",
        RestoreStepKind.Copy or RestoreStepKind.Prepare =>
            $"Left behind: the stored chain was being prepared in place and may be partly applied; {plan.Options.DataDir} was not written.",
        RestoreStepKind.Verify =>
            $"The restore itself is complete: {plan.Options.DataDir} holds {plan.RestorePoint.Id} prepared and put in place{(plan.Options.MoveBack ? " (moved)" : "")}, owned by {plan.Options.Owner} where that user exists; only the check failed, so do not restore again: see what the check says above and its log.",
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
