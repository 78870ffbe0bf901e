using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Jobs;

/// <summary>
/// One run in the job history (docs/job-history.md): every backup, restore, retention run, verify
/// and rehearsal, whoever started it. The catalog keeps it after Hangfire's own job data expires.
/// <see cref="Runner"/> is the process that carries it ("pid:starttime"), so that a run a killed
/// process left queued or running is settled as failed at the next start.
/// </summary>
public sealed record JobRun(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] JobKind Kind,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("trigger")] JobTrigger Trigger,
    [property: JsonPropertyName("state")] JobState State,
    [property: JsonPropertyName("queued_at")] DateTimeOffset QueuedAt)
{
    /// <summary>What the run is about: the backup's id, the restore run's id, or the restore point rehearsed.</summary>
    [JsonPropertyName("subject")] public string? Subject { get; init; }

    /// <summary>Why it failed or was cancelled, or one line on what it did.</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset? StartedAt { get; init; }
    [JsonPropertyName("ended_at")] public DateTimeOffset? EndedAt { get; init; }
    [JsonPropertyName("bytes")] public long? Bytes { get; init; }

    /// <summary>A rehearsal's measured time to restore (the restore's steps, without the check), in seconds.</summary>
    [JsonPropertyName("time_to_restore_seconds")] public double? TimeToRestoreSeconds { get; init; }
    [JsonPropertyName("cancel_requested")] public bool CancelRequested { get; init; }
    [JsonPropertyName("runner")] public string? Runner { get; init; }

    /// <summary>The run's log (the tool's output, the steps); only when one run is asked for.</summary>
    [JsonPropertyName("log")] [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Log { get; init; }

    [JsonIgnore] public bool Ended => JobWords.IsEnded(State);

    [JsonIgnore] public TimeSpan? Duration => StartedAt is { } start && EndedAt is { } end ? end - start : null;
}

/// <summary>
/// Which runs to list: filters that are null match everything. <see cref="From"/> and
/// <see cref="To"/> bound the time a run was queued (from inclusive, to exclusive, UTC).
/// <see cref="Sort"/> orders them; the default is newest first.
/// </summary>
public sealed record JobQuery(string? Server = null, JobKind? Kind = null, JobState? State = null, int Limit = 50)
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public JobSort Sort { get; init; } = JobSort.Newest;

    /// <summary>Runs skipped before the first one listed: the page's start.</summary>
    public int Offset { get; init; }
}

/// <summary>The column a history is ordered by, and which way. Ties go newest first, so a page never reshuffles.</summary>
public sealed record JobSort(JobSortColumn Column, bool Descending)
{
    public static readonly JobSort Newest = new(JobSortColumn.Queued, Descending: true);
}

public enum JobSortColumn
{
    Queued,
    Duration,
    Server,
    Kind,
    State,
}

/// <summary>One page of the history and how many runs match the filters in all.</summary>
public sealed record JobPage(IReadOnlyList<JobRun> Runs, int Total);
