using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using Microsoft.Extensions.Logging;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Runs one backup of a registered server: chooses the base, creates the backup's directory,
/// hands the tool its credentials in a private option file, streams its stderr into the log
/// and the progress tracker, and records the outcome in the manifest and the catalog. A run
/// that is not good is kept on disk, marked failed with the tool's message, and never offered
/// as a base or restore point.
/// </summary>
public sealed partial class BackupRunner(
    IServerRegistry servers, IBackupCatalog catalog, BackupRepository repository, DataFolder dataFolder, TimeProvider clock, ILogger<BackupRunner> logger)
{
    private const int StderrTailLines = 15;

    /// <summary>
    /// Everything that refuses a backup before anything is written (unknown server, no base for
    /// an incremental, tool missing, page tracking unsupported): callers that queue a backup ask
    /// this first so the refusal comes back at once. Throws <see cref="BackupRefusedException"/>.
    /// </summary>
    /// <param name="queuedBehindOwnRun">
    /// The caller queues this backup behind one of its own that holds the server's lock (the
    /// dashboard's one worker per server): the lock is then not a reason to refuse.
    /// </param>
    /// <returns>
    /// The order as it would run: with <see cref="BackupOrder.PageTracking"/> set when the server's
    /// page tracking makes the tool use it unasked, so that what is said before the run (its
    /// warnings) is about the backup that will be taken.
    /// </returns>
    public async Task<BackupOrder> CheckAsync(string serverName, BackupOrder order, CancellationToken cancellationToken, bool queuedBehindOwnRun = false)
    {
        ArgumentNullException.ThrowIfNull(order);
        var plan = await PlanAsync(serverName, order, cancellationToken).ConfigureAwait(false);
        if (!queuedBehindOwnRun)
        {
            AcquireServerLock(plan.Server.Name).Dispose();
        }

        return order with { PageTracking = plan.PageTracking };
    }

    public async Task<BackupRecord> RunAsync(string serverName, BackupOrder order, IProgress<BackupProgress>? progress, CancellationToken cancellationToken)
    {
        var (server, parent, fromLsn, tool, installed, source, pageTracking) = await PlanAsync(serverName, order, cancellationToken).ConfigureAwait(false);
        using var serverLock = AcquireServerLock(server.Name);
        var notes = new List<string>();

        var record = repository.Begin(server.Name, order.Kind, parent?.Id, clock.GetUtcNow(), tool.Kind.ToString().ToLowerInvariant(), installed.Version)
            with { Partial = order.Filter is not null, Filter = order.Filter };
        await catalog.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        LogStarted(logger, record.Id, server.Name, order.Kind);
        var stderrTail = new Queue<string>();
        try
        {
            var password = await servers.GetPasswordAsync(server.Name, cancellationToken).ConfigureAwait(false);
            if (pageTracking && order.Kind == BackupKind.Full)
            {
                notes.AddRange(await PageTrackingGate.StartAheadAsync(server, password, cancellationToken).ConfigureAwait(false));
            }

            using var credentials = CredentialsFile.Create(dataFolder.CredentialsDir, server.User, password, server.Host, server.Port, server.SocketPath);
            var invocation = tool.Backup(new BackupRequest
            {
                ToolPath = installed.Path!,
                TargetDir = record.TargetDir,
                Kind = order.Kind,
                IncrementalBaseDir = order.IncrementalLsn is null ? parent?.TargetDir : null,
                IncrementalLsn = order.IncrementalLsn,
                Parallel = order.Parallel,
                PageTracking = pageTracking,
                IncrementalForceScan = order.IncrementalForceScan,
                DataDir = server.DataDir,
                ToolVersion = installed.ParsedVersion,
                Filter = order.Filter,
            }, credentials.Path);
            record = record with { CommandLine = [invocation.Program, .. invocation.Arguments], Source = source };
            BackupRepository.Save(record);

            var tracker = new BackupProgressTracker(DataDirFiles.Sizes(server.DataDir), clock);
            await using var log = BackupRepository.OpenLog(record);
            var result = await ToolProcess.RunAsync(invocation, line => log.WriteLine(line), line =>
            {
                log.WriteLine(line);
                Remember(stderrTail, line);
                if (PageTrackingGate.IsCheckpointWait(line))
                {
                    notes.Add($"XtraBackup waited for the checkpoint to reach page tracking's start LSN: {line}");
                }

                if (tracker.OnStderrLine(line))
                {
                    progress?.Report(tracker.Current);
                }
            }, cancellationToken).ConfigureAwait(false);
            await log.FlushAsync(CancellationToken.None).ConfigureAwait(false);

            var verdict = BackupVerdict.Judge(tool, result, [.. stderrTail], record.TargetDir, order.Kind, fromLsn);
            record = record with
            {
                Status = verdict.Problem is null ? BackupStatus.Succeeded : result.Canceled ? BackupStatus.Cancelled : BackupStatus.Failed,
                Problem = verdict.Problem,
                FromLsn = verdict.Checkpoints?.FromLsn,
                ToLsn = verdict.Checkpoints?.ToLsn,
                LastLsn = verdict.Checkpoints?.LastLsn,
                // Asked for a filter: partial whatever the info file says, so it is never offered as a base.
                Partial = verdict.Partial || order.Filter is not null,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            record = record with { Status = BackupStatus.Failed, Problem = $"{e.Message}{Environment.NewLine}{string.Join(Environment.NewLine, stderrTail)}" };
        }
        finally
        {
            record = record with { EndedAt = clock.GetUtcNow(), Bytes = BackupRepository.SizeOf(record.TargetDir), Notes = [.. notes] };
            if (record.Status == BackupStatus.Running)
            {
                record = cancellationToken.IsCancellationRequested
                    ? record with { Status = BackupStatus.Cancelled, Problem = "Cancelled before the tool started." }
                    : record with { Status = BackupStatus.Failed, Problem = "The run stopped before it finished." };
            }

            try
            {
                BackupRepository.Save(record);
            }
            catch (IOException e)
            {
                // A full repository disk: the catalog (in the data folder) still records the failure.
                record = record with
                {
                    Status = BackupStatus.Failed,
                    Problem = $"{record.Problem}{Environment.NewLine}The manifest could not be written: {e.Message}".Trim(),
                };
            }

            await catalog.SaveAsync(record, CancellationToken.None).ConfigureAwait(false);
        }

        LogFinished(logger, record.Id, record.Status, record.ToLsn);
        return record;
    }

    /// <summary>
    /// mariabackup accepts an --incremental-lsn beyond the server's current LSN and writes a
    /// "successful" incremental with from_lsn &gt; to_lsn: refused here instead.
    /// </summary>
    private static async Task CheckIncrementalLsnAsync(RegisteredServer server, string? password, ulong lsn, CancellationToken cancellationToken)
    {
        ulong current;
        try
        {
            current = await ServerProbe.CurrentLsnAsync(server, password, cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlConnector.MySqlException e)
        {
            throw new BackupRefusedException($"Cannot check --incremental-lsn {lsn} against '{server.Name}': {e.Message}");
        }

        if (lsn > current)
        {
            throw new BackupRefusedException($"--incremental-lsn {lsn} is beyond the server's current LSN {current}: no page can be newer than that.");
        }
    }

    /// <summary>Held for the whole run, across processes (<see cref="Runs.ServerBackupLock"/>).</summary>
    private Runs.ServerBackupLock AcquireServerLock(string server)
    {
        var (serverLock, holder) = Runs.ServerBackupLock.TryAcquire(dataFolder.LocksDir, server);
        return serverLock ?? throw new BackupRefusedException(
            $"A backup of '{server}' is already running ({holder}); one backup per server runs at a time. Start this one when it has finished.");
    }

    private async Task<(RegisteredServer Server, BackupRecord? Parent, ulong? FromLsn, IBackupTool Tool, InstalledTool Installed, SourceIdentity? Source, bool PageTracking)> PlanAsync(
        string serverName, BackupOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var server = await servers.FindAsync(serverName, cancellationToken).ConfigureAwait(false)
            ?? throw new BackupRefusedException($"No server named '{serverName}' is registered.");
        if (ServerName.Problem(server.Name) is { } badName)
        {
            // Registered before names were checked: its backups would land outside its folder.
            throw new BackupRefusedException($"Cannot back up this server: {badName} Register it again under a valid name.");
        }

        if (order.Problem() is { } badOrder)
        {
            throw new BackupRefusedException(badOrder);
        }

        if (server.Tool == BackupToolKind.XtraBackup && XtraBackupTool.FilterProblem(order.Filter) is { } filterProblem)
        {
            throw new BackupRefusedException(filterProblem);
        }

        var (parent, fromLsn) = BaseSelector.Choose(server.Name, order, await catalog.ListAsync(server.Name, cancellationToken).ConfigureAwait(false));
        var tool = BackupTools.For(server.Tool);
        var installed = await InstalledTool.DetectAsync(server.Tool, server.ToolPath, cancellationToken).ConfigureAwait(false);
        if (!installed.Found)
        {
            throw new BackupRefusedException($"Cannot back up '{server.Name}': {installed.Problem}");
        }

        var toolCanTrack = installed.ParsedVersion is { } version && tool.CapabilitiesFor(version).PageTracking;
        if (order.PageTracking && !toolCanTrack)
        {
            throw new BackupRefusedException(
                $"{installed.Name} {installed.Version} has no page tracking (XtraBackup 8.0.27 or later with the mysqlbackup component has).");
        }

        if (order.IncrementalForceScan && BackupWarnings.NoForceScan(tool, installed) is { } noForceScan)
        {
            throw new BackupRefusedException(noForceScan) { Field = "incremental_force_scan" };
        }

        var password = await servers.GetPasswordAsync(server.Name, cancellationToken).ConfigureAwait(false);
        if (order.IncrementalLsn is { } lsn)
        {
            await CheckIncrementalLsnAsync(server, password, lsn, cancellationToken).ConfigureAwait(false);
        }

        var source = await SourceChecks.IdentifyAsync(server, password, parent, cancellationToken).ConfigureAwait(false);
        var pageTracking = await PageTrackingGate.DecideAsync(server, password, order, toolCanTrack, fromLsn, cancellationToken).ConfigureAwait(false);
        return (server, parent, fromLsn, tool, installed, source, pageTracking);
    }

    private static void Remember(Queue<string> tail, string line)
    {
        tail.Enqueue(line);
        if (tail.Count > StderrTailLines)
        {
            tail.Dequeue();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Id} of {Server} ({Kind}) started")]
    private static partial void LogStarted(ILogger logger, string id, string server, BackupKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Id} finished: {Status}, to_lsn {ToLsn}")]
    private static partial void LogFinished(ILogger logger, string id, BackupStatus status, ulong? toLsn);
}
