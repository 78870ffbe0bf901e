using System.Text.Json.Serialization;

namespace BackupDashboard.Web.Api;

/// <summary>POST /api/servers. The password travels in the body (loopback only) and is stored encrypted.</summary>
public sealed record ServerRegistration(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("port")] int? Port,
    [property: JsonPropertyName("socket")] string? Socket,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("datadir")] string DataDir,
    [property: JsonPropertyName("tool")] string? Tool,
    [property: JsonPropertyName("tool_path")] string? ToolPath);

/// <summary>POST /api/servers/{name}/backups.</summary>
public sealed record BackupRequestBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("base_id")] string? BaseId,
    [property: JsonPropertyName("incremental_lsn")] ulong? IncrementalLsn,
    [property: JsonPropertyName("parallel")] int? Parallel,
    [property: JsonPropertyName("incremental_force_scan")] bool? IncrementalForceScan = null,
    [property: JsonPropertyName("databases")] string? Databases = null,
    [property: JsonPropertyName("tables")] string? Tables = null,
    [property: JsonPropertyName("tables_exclude")] string? TablesExclude = null);

/// <summary>A server as GET /api/servers lists it (never its password).</summary>
public sealed record ServerView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("datadir")] string DataDir,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("has_password")] bool HasPassword,
    [property: JsonPropertyName("sandbox")] bool Sandbox);

/// <summary>PUT /api/servers/{name}/retention.</summary>
public sealed record RetentionPolicyBody(
    [property: JsonPropertyName("keep_chains")] int? KeepChains,
    [property: JsonPropertyName("keep_days")] int? KeepDays);

/// <summary>PUT /api/servers/{name}/schedule: one form for fulls and the matching one for incrementals (docs/schedules.md).</summary>
public sealed record ScheduleRequestBody(
    [property: JsonPropertyName("full_weekly")] string? FullWeekly,
    [property: JsonPropertyName("incremental_daily")] string? IncrementalDaily,
    [property: JsonPropertyName("full_daily")] string? FullDaily,
    [property: JsonPropertyName("incremental_every_hours")] int? IncrementalEveryHours,
    [property: JsonPropertyName("full_cron")] string? FullCron,
    [property: JsonPropertyName("incremental_cron")] string? IncrementalCron,
    [property: JsonPropertyName("time_zone")] string? TimeZone,
    [property: JsonPropertyName("rehearsal_cron")] string? RehearsalCron = null);
