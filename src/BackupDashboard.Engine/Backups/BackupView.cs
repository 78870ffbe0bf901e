using System.Text.Json.Serialization;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// A backup as bdash --json and the REST API show it (one shape for both; snake_case).
/// <see cref="Path"/> is the tool's target directory, what prepare and copy-back work on.
/// </summary>
public sealed record BackupView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("parent_id")] string? ParentId,
    [property: JsonPropertyName("from_lsn")] ulong? FromLsn,
    [property: JsonPropertyName("to_lsn")] ulong? ToLsn,
    [property: JsonPropertyName("last_lsn")] ulong? LastLsn,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("problem")] string? Problem,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("tool_version")] string? ToolVersion,
    [property: JsonPropertyName("started_at")] DateTimeOffset StartedAt,
    [property: JsonPropertyName("ended_at")] DateTimeOffset? EndedAt,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("partial")] bool Partial,
    [property: JsonPropertyName("partial_filter")] PartialFilter? PartialFilter,
    [property: JsonPropertyName("command_line")] IReadOnlyList<string> CommandLine,
    [property: JsonPropertyName("consumed")] string? Consumed,
    [property: JsonPropertyName("verify")] BackupVerification? Verify,
    [property: JsonPropertyName("myrocks_bytes")] long? MyRocksBytes,
    [property: JsonPropertyName("myrocks_share")] double? MyRocksShare,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("notes")] IReadOnlyList<string>? Notes = null)
{
    /// <summary>"full" or "incremental", as every JSON answer and table spells it.</summary>
    public static string TypeName(BackupKind kind) => kind == BackupKind.Full ? "full" : "incremental";

    /// <summary>
    /// <see cref="MyRocksBytes"/> and <see cref="MyRocksShare"/> are read from the backup's folder
    /// (the MyRocks files, copied whole, and their share of <see cref="Bytes"/>); null when the folder is not there.
    /// </summary>
    public static BackupView From(BackupRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var myRocks = Backups.MyRocksShare.Of(r);
        return new(r.Id, r.Server, TypeName(r.Kind), r.ParentId, r.FromLsn, r.ToLsn, r.LastLsn,
            r.Status.ToString().ToLowerInvariant(), r.Problem, r.TargetDir, r.ToolName, r.ToolVersion, r.StartedAt, r.EndedAt, r.Bytes,
            r.Partial, r.Filter, r.CommandLine, r.Consumed, r.Verification, myRocks?.Bytes, myRocks?.OfBackup,
            BackupWarnings.ForBackup(r), r.Notes.Count == 0 ? null : r.Notes);
    }
}

/// <summary>A chain as bdash chain --json and the API show it.</summary>
public sealed record ChainView(
    [property: JsonPropertyName("valid")] bool Valid,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string> Reasons,
    [property: JsonPropertyName("backups")] IReadOnlyList<BackupView> Backups,
    [property: JsonPropertyName("not_restore_points")] IReadOnlyDictionary<string, string> NotRestorePoints)
{
    public static ChainView From(BackupChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return new(chain.Valid, chain.Reasons, chain.Backups.Select(BackupView.From).ToList(), chain.NotRestorePoints);
    }
}

/// <summary>The answer of bdash chain --json: {"server", "chains": [...]}.</summary>
public sealed record ChainsView(
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("chains")] IReadOnlyList<ChainView> Chains);
