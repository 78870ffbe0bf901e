using System.Text.Json.Serialization;
using BackupDashboard.Engine.Restores;

namespace BackupDashboard.Engine.RestoreRuns;

/// <summary>Where a restore run started by the web app is: queued, running, or how it ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RestoreRunState>))]
public enum RestoreRunState
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>
/// One restore run as &lt;DataDir&gt;/restore-runs/&lt;id&gt;/run.json keeps it and GET /api/restores/{id}
/// shows it (docs/formats/restore-run.md). <see cref="Runner"/> is the process that carries it
/// ("pid:starttime", <see cref="Runs.RunnerProcess"/>), so that a run left "running" by a killed
/// process is settled as interrupted at the next start. No secrets: restore steps take none.
/// </summary>
public sealed record RestoreRunRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("restore_point")] string RestorePoint,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("datadir")] string DataDir,
    [property: JsonPropertyName("state")] RestoreRunState State,
    [property: JsonPropertyName("runner")] string Runner,
    [property: JsonPropertyName("queued_at")] DateTimeOffset QueuedAt)
{
    [JsonPropertyName("job_id")] public string? JobId { get; init; }

    /// <summary>The folder prepare and copy-back work on (their --target-dir): how a tool a killed process left running is found.</summary>
    [JsonPropertyName("prepared_dir")] public string? PreparedDir { get; init; }
    [JsonPropertyName("started_at")] public DateTimeOffset? StartedAt { get; init; }
    [JsonPropertyName("ended_at")] public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The step now running (1-based), of <see cref="Steps"/>, and its kind (copy, prepare, …).</summary>
    [JsonPropertyName("step")] public int? Step { get; init; }
    [JsonPropertyName("steps")] public int Steps { get; init; }
    [JsonPropertyName("step_kind")] public string? StepKind { get; init; }

    /// <summary>The running step's whole output so far (its log file), readable while it runs.</summary>
    [JsonPropertyName("step_log")] public string? StepLog { get; init; }

    /// <summary>How far the running step is, where it can be measured (<see cref="Restores.StepWork"/>), updated each second.</summary>
    [JsonPropertyName("step_bytes_done")] public long? StepBytesDone { get; init; }
    [JsonPropertyName("step_bytes_total")] public long? StepBytesTotal { get; init; }
    [JsonPropertyName("step_file")] public string? StepFile { get; init; }
    [JsonPropertyName("step_seconds_left")] public long? StepSecondsLeft { get; init; }

    /// <summary>The last line the running step printed.</summary>
    [JsonPropertyName("step_said")] public string? StepSaid { get; init; }
    [JsonPropertyName("problem")] public string? Problem { get; init; }
    [JsonPropertyName("result")] public RestoreResultView? Result { get; init; }

    [JsonIgnore] public bool Ended => State is RestoreRunState.Succeeded or RestoreRunState.Failed or RestoreRunState.Cancelled;
}
