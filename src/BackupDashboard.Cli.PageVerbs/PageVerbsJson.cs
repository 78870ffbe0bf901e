using System.Text.Json.Serialization;
using BackupDashboard.InnoDb.Inspection;
using BackupDashboard.InnoDb.Scanning;
using BackupDashboard.InnoDb.Verification;

namespace BackupDashboard.Cli.PageVerbs;

// The --json shapes of inspect, scan and verify. They are named types with a source-generated
// serializer, not anonymous objects, because the native bdash has no reflection to find their
// properties. The style is every bdash verb's: snake_case, indented, nulls kept.

/// <summary>bytes_to_copy = bytes_changed (pages) + myrocks_bytes (MyRocks files, copied whole).</summary>
public sealed record ScanJson(ulong SinceLsn, long PagesTotal, long PagesChanged, long BytesChanged, IReadOnlyList<ScanFileJson> Files,
    [property: JsonPropertyName("myrocks_bytes")] long MyRocksBytes, long BytesToCopy,
    [property: JsonPropertyName("myrocks_files")] IReadOnlyList<WholeFileJson> MyRocksFiles)
{
    public static ScanJson From(ScanReport r) => new(r.SinceLsn, r.PagesTotal, r.PagesChanged, r.BytesChanged,
        [.. r.Files.Select(f => new ScanFileJson(f.Path, f.PagesTotal, f.PagesChanged, f.BytesChanged, f.PageSize, f.IsDelta ? "delta" : "full", f.Error, f.Note))],
        r.MyRocks.Bytes, r.BytesToCopy, [.. r.MyRocks.Files.Select(f => new WholeFileJson(f.Path, f.Bytes))]);
}

public sealed record WholeFileJson(string Path, long Bytes);

public sealed record ScanFileJson(string Path, long PagesTotal, long PagesChanged, long BytesChanged, int PageSize, string Kind, string? Error, string? Note);

public sealed record VerifyJson(
    long PagesChecked,
    IReadOnlyList<BadPageJson> BadPages,
    bool Clean,
    long ZeroPages,
    long DoublewritePages,
    IReadOnlyList<NoteJson> Notes,
    IReadOnlyList<UncheckedPages> NotCheckable,
    IReadOnlyList<TornPage> TornPages,
    IReadOnlyList<FileProblem> Errors)
{
    public static VerifyJson From(VerifyReport r) => new(r.PagesChecked,
        [.. r.BadPages.Select(b => new BadPageJson(b.Path, b.PageNo, b.Reason, b.Offset))],
        r.IsClean, r.ZeroPages, r.DoublewritePages,
        [.. r.Notes.Select(n => new NoteJson(n.Path, n.Message))],
        r.NotCheckable, r.TornPages, r.Errors);
}

public sealed record BadPageJson(string Path, long PageNo, string Reason, long Offset);

public sealed record NoteJson(string Path, string Note);

public sealed record InspectJson(
    string BackupType,
    ulong FromLsn,
    ulong ToLsn,
    ulong? LastLsn,
    string? ToolName,
    string? ToolVersion,
    string? ServerVersion,
    DateTime? StartTime,
    DateTime? EndTime,
    long DeltaPages,
    long NewTablespacePages,
    long PagesCopied,
    IReadOnlyDictionary<string, string> Checkpoints,
    IReadOnlyList<InspectFileJson> Files)
{
    public static InspectJson From(BackupInspection b) => new(
        b.Checkpoints.BackupType, b.Checkpoints.FromLsn, b.Checkpoints.ToLsn, b.Checkpoints.LastLsn,
        b.Info?.ToolName, b.Info?.ToolVersion, b.Info?.ServerVersion, b.Info?.StartTime, b.Info?.EndTime,
        b.DeltaPages, b.NewTablespacePages, b.PagesCopied,
        b.Checkpoints.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        [.. b.Files.Select(f => new InspectFileJson(f.Path, f.DeltaPages, f.NewTablespacePages, f.PageSize, f.Kind, f.Bytes))]);
}

public sealed record InspectFileJson(string Path, long? DeltaPages, long? NewTablespacePages, int? PageSize, string Kind, long Bytes);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ScanJson))]
[JsonSerializable(typeof(VerifyJson))]
[JsonSerializable(typeof(InspectJson))]
internal sealed partial class PageVerbsJsonContext : JsonSerializerContext;
