namespace BackupDashboard.Engine.Jobs;

/// <summary>The job history in the catalog. Every state change is one write; a run is recorded exactly once.</summary>
public interface IJobHistory
{
    /// <summary>Records a new run as queued, carried by this process; its id is the catalog's.</summary>
    Task<JobRun> QueueAsync(JobKind kind, string server, JobTrigger trigger, string? subject, CancellationToken cancellationToken);

    /// <summary>
    /// Records a new run that starts at once (a bdash command): running from its one insert, as
    /// <see cref="QueueAsync"/> then <see cref="StartAsync"/> would leave it, in one write.
    /// </summary>
    Task<JobRun> StartNewAsync(JobKind kind, string server, JobTrigger trigger, string? subject, CancellationToken cancellationToken);

    /// <summary>Queued to running. False when the run is no longer queued (it was cancelled while it waited).</summary>
    Task<bool> StartAsync(long id, CancellationToken cancellationToken);

    Task SetSubjectAsync(long id, string subject, CancellationToken cancellationToken);

    /// <summary>Records how the run ended. A run that already ended keeps its first ending.</summary>
    Task FinishAsync(long id, JobEnding ending, CancellationToken cancellationToken);

    /// <summary>
    /// Asks for a run to stop. A queued run ends as cancelled at once; a running one is marked,
    /// and the process carrying it stops it. Null when there is no such run.
    /// </summary>
    Task<JobRun?> RequestCancelAsync(long id, CancellationToken cancellationToken);

    Task<bool> IsCancelRequestedAsync(long id, CancellationToken cancellationToken);

    Task<JobRun?> FindAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobRun>> ListAsync(JobQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="query"/>'s page (its <see cref="JobQuery.Offset"/>, at most its
    /// <see cref="JobQuery.Limit"/> runs, in its <see cref="JobQuery.Sort"/>) and how many runs
    /// match in all; the catalog orders, counts and cuts, so no page reads the whole history.
    /// </summary>
    Task<JobPage> PageAsync(JobQuery query, CancellationToken cancellationToken);

    /// <summary>Every run still queued or running, of any process.</summary>
    Task<IReadOnlyList<JobRun>> ListUnfinishedAsync(CancellationToken cancellationToken);
}

/// <summary>How a run ended: its state, why, the bytes it wrote or freed, and its log.</summary>
public sealed record JobEnding(JobState State, string? Reason, long? Bytes = null, string? Log = null, string? Subject = null, TimeSpan? TimeToRestore = null);
