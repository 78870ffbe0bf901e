using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Runs;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>
/// The job history in the catalog's job_runs table (docs/job-history.md). State changes are
/// conditional updates (queued to running only while queued, an ending only while not ended), so
/// two processes racing on one run leave one answer. Reads are plain SQL (<see cref="CatalogReads"/>).
/// </summary>
public sealed class CatalogJobHistory(IDbContextFactory<CatalogDbContext> contexts, CatalogReads reads, TimeProvider clock) : IJobHistory
{
    /// <summary>A log longer than this keeps its end, where a failed run's reason is.</summary>
    public const int MaxLogChars = 256 * 1024;

    private static readonly string Queued = JobWords.Of(JobState.Queued);
    private static readonly string Running = JobWords.Of(JobState.Running);

    public Task<JobRun> QueueAsync(JobKind kind, string server, JobTrigger trigger, string? subject, CancellationToken cancellationToken) =>
        InsertAsync(kind, server, trigger, subject, startsNow: false, cancellationToken);

    public Task<JobRun> StartNewAsync(JobKind kind, string server, JobTrigger trigger, string? subject, CancellationToken cancellationToken) =>
        InsertAsync(kind, server, trigger, subject, startsNow: true, cancellationToken);

    private async Task<JobRun> InsertAsync(JobKind kind, string server, JobTrigger trigger, string? subject, bool startsNow, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var row = new JobRunRow
        {
            Kind = JobWords.Of(kind), Server = server, Trigger = JobWords.Of(trigger), State = startsNow ? Running : Queued, Subject = subject,
            QueuedAt = now, StartedAt = startsNow ? now : null, Runner = RunnerProcess.Current,
        };
        db.JobRuns.Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return CatalogReads.ToJobRun(row);
    }

    public async Task<bool> StartAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var runner = RunnerProcess.Current;
        return await db.JobRuns.Where(r => r.Id == id && r.State == Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, Running).SetProperty(r => r.StartedAt, now).SetProperty(r => r.Runner, runner), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    public async Task SetSubjectAsync(long id, string subject, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.JobRuns.Where(r => r.Id == id).ExecuteUpdateAsync(set => set.SetProperty(r => r.Subject, subject), cancellationToken).ConfigureAwait(false);
    }

    public async Task FinishAsync(long id, JobEnding ending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ending);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.JobRuns.FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (row is null || (row.State != Queued && row.State != Running))
        {
            return;
        }

        row.State = JobWords.Of(ending.State);
        row.Reason = ending.Reason;
        row.EndedAt = clock.GetUtcNow();
        row.Bytes = ending.Bytes ?? row.Bytes;
        row.TimeToRestore = ending.TimeToRestore?.TotalSeconds;
        row.Subject = ending.Subject ?? row.Subject;
        row.Log = ending.Log is { Length: > MaxLogChars } log ? "[…]" + log[^MaxLogChars..] : ending.Log;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<JobRun?> RequestCancelAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var cancelled = JobWords.Of(JobState.Cancelled);
        // A queued run has nothing to stop: it ends here, and the worker that takes it later finds it ended.
        await db.JobRuns.Where(r => r.Id == id && r.State == Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, cancelled).SetProperty(r => r.CancelRequested, true)
                .SetProperty(r => r.EndedAt, now).SetProperty(r => r.Reason, "Cancelled by request before it started."), cancellationToken)
            .ConfigureAwait(false);
        await db.JobRuns.Where(r => r.Id == id && r.State == Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CancelRequested, true), cancellationToken).ConfigureAwait(false);
        return await FindAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> IsCancelRequestedAsync(long id, CancellationToken cancellationToken) =>
        (await reads.JobRunsAsync("Id = $id", ("$id", id), 1, withLog: false, cancellationToken).ConfigureAwait(false)) is [{ CancelRequested: true }];

    public async Task<JobRun?> FindAsync(long id, CancellationToken cancellationToken) =>
        (await reads.JobRunsAsync("Id = $id", ("$id", id), 1, withLog: true, cancellationToken).ConfigureAwait(false)).Select(CatalogReads.ToJobRun).FirstOrDefault();

    public async Task<IReadOnlyList<JobRun>> ListAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await reads.JobRunsAsync(query, cancellationToken).ConfigureAwait(false);
        return rows.Select(CatalogReads.ToJobRun).ToList();
    }

    public async Task<JobPage> PageAsync(JobQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await reads.JobRunsAsync(query, cancellationToken).ConfigureAwait(false);
        var total = await reads.JobRunCountAsync(query, cancellationToken).ConfigureAwait(false);
        return new JobPage(rows.Select(CatalogReads.ToJobRun).ToList(), total);
    }

    public async Task<IReadOnlyList<JobRun>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        var rows = await reads.JobRunsAsync("State IN ('queued', 'running')", null, int.MaxValue, withLog: false, cancellationToken).ConfigureAwait(false);
        return rows.Select(CatalogReads.ToJobRun).ToList();
    }
}
