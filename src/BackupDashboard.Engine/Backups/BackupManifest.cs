using System.Text.Json;
using System.Text.Json.Serialization;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// manifest.json beside each backup's target directory: the record of the run, in a versioned
/// format (docs/formats/manifest.md). The catalog is an index of these files and can be rebuilt
/// from them (bdash catalog rebuild). Written to a temporary file and renamed, so a crash never
/// leaves half a manifest.
/// </summary>
public static class BackupManifest
{
    public const int FormatVersion = 1;
    private const int MaxBytes = 1 << 20;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Write(BackupRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = Path.Combine(record.Directory, BackupLayout.ManifestFile);
        var temporary = path + ".tmp";
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(Dto.From(record), Json));
            File.Move(temporary, path, overwrite: true);
        }
        catch (IOException)
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The manifest, or null when it is missing, unreadable or malformed (for callers that only use it when it is there).</summary>
    public static BackupRecord? TryRead(string backupDirectory)
    {
        try
        {
            return Read(backupDirectory);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads a backup directory's manifest; a missing, oversized or malformed one is an error naming the file.</summary>
    public static BackupRecord Read(string backupDirectory)
    {
        var path = Path.Combine(backupDirectory, BackupLayout.ManifestFile);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InvalidDataException($"{path}: no manifest.");
        }

        if (info.Length > MaxBytes)
        {
            throw new InvalidDataException($"{path}: {info.Length} bytes is too large for a manifest.");
        }

        try
        {
            var dto = JsonSerializer.Deserialize<Dto>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty manifest.");
            if (dto.FormatVersion != FormatVersion)
            {
                throw new InvalidDataException($"{path}: format_version {dto.FormatVersion} is not {FormatVersion}.");
            }

            return dto.ToRecord(Path.GetFullPath(backupDirectory));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid manifest at line {e.LineNumber + 1}: {e.Message}", e);
        }
    }

    private sealed record Dto(
        int FormatVersion, string Id, string Server, BackupKind Type, string? ParentId, ulong? FromLsn, ulong? ToLsn, ulong? LastLsn,
        string ToolName, string? ToolVersion, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long Bytes, BackupStatus Status,
        string? Problem, IReadOnlyList<string> CommandLine, bool Partial, string? Runner, string? Consumed, Servers.SourceIdentity? Source,
        BackupVerification? Verification, IReadOnlyList<string>? Notes = null, PartialFilter? PartialFilter = null)
    {
        public static Dto From(BackupRecord r) => new(BackupManifest.FormatVersion, r.Id, r.Server, r.Kind, r.ParentId, r.FromLsn, r.ToLsn, r.LastLsn,
            r.ToolName, r.ToolVersion, r.StartedAt, r.EndedAt, r.Bytes, r.Status, r.Problem, r.CommandLine, r.Partial, r.Runner, r.Consumed, r.Source, r.Verification,
            r.Notes.Count == 0 ? null : r.Notes, r.Filter);

        public BackupRecord ToRecord(string directory) => new()
        {
            Id = Id, Server = Server, Kind = Type, ParentId = ParentId, FromLsn = FromLsn, ToLsn = ToLsn, LastLsn = LastLsn,
            ToolName = ToolName, ToolVersion = ToolVersion, StartedAt = StartedAt, EndedAt = EndedAt, Bytes = Bytes,
            Status = Status, Problem = Problem, CommandLine = CommandLine ?? [], Partial = Partial, Directory = directory, Runner = Runner,
            Consumed = Consumed, Source = Source, Verification = Verification, Notes = Notes ?? [], Filter = PartialFilter,
        };
    }
}
