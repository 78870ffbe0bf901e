using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Rehearsals;

/// <summary>
/// How a restore rehearsal of one server went (docs/rehearsals.md). <see cref="Passed"/> only
/// when the newest restore point restored and CHECK TABLE found nothing wrong in it.
/// <see cref="TimeToRestore"/> is the wall time of the restore without the check;
/// <see cref="CheckDuration"/> the check server's start, CHECK TABLE and stop. Both are null
/// when the restore did not get that far. <see cref="Log"/> is the steps and the check in words,
/// for the job history. <see cref="CleanupProblem"/> says when the scratch folder could not be deleted.
/// </summary>
public sealed record RehearsalResult(
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("restore_point")] string? RestorePoint,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("time_to_restore")] TimeSpan? TimeToRestore,
    [property: JsonPropertyName("check_duration")] TimeSpan? CheckDuration,
    [property: JsonPropertyName("tables_checked")] int TablesChecked,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("ended_at")] DateTimeOffset EndedAt,
    [property: JsonPropertyName("log")] string Log,
    [property: JsonPropertyName("cleanup_problem")] string? CleanupProblem);
