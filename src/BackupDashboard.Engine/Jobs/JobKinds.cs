using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Jobs;

/// <summary>What a run in the job history did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobKind>))]
public enum JobKind
{
    [JsonStringEnumMemberName("backup")] Backup,
    [JsonStringEnumMemberName("restore")] Restore,
    [JsonStringEnumMemberName("retention")] Retention,
    [JsonStringEnumMemberName("verify")] Verify,
    [JsonStringEnumMemberName("rehearsal")] Rehearsal,
}

/// <summary>Who started a run: a schedule, someone in the dashboard, a caller of the REST API, or bdash.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobTrigger>))]
public enum JobTrigger
{
    [JsonStringEnumMemberName("schedule")] Schedule,
    [JsonStringEnumMemberName("user")] User,
    [JsonStringEnumMemberName("api")] Api,
    [JsonStringEnumMemberName("cli")] Cli,
}

/// <summary>Where a run stands. Only queued and running runs can be cancelled.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobState>))]
public enum JobState
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>The words the catalog, the CLI and the API use for the enums above.</summary>
public static class JobWords
{
    public static string Of(JobKind kind) => kind.ToString().ToLowerInvariant();

    public static string Of(JobTrigger trigger) => trigger.ToString().ToLowerInvariant();

    public static string Of(JobState state) => state.ToString().ToLowerInvariant();

    public static bool IsEnded(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;

    /// <summary>Parses the lower-case word; null for anything else.</summary>
    public static T? Parse<T>(string? word) where T : struct, Enum =>
        word is not null && !word.Any(char.IsUpper) && Enum.TryParse<T>(word, ignoreCase: true, out var value) && !int.TryParse(word, out _) ? value : null;
}
