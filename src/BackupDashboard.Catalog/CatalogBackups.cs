using System.Text.Json;
using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>The engine's backup catalog, stored in SQLite. The manifests on disk stay the source of truth.</summary>
public sealed class CatalogBackups(IDbContextFactory<CatalogDbContext> contexts, CatalogReads reads) : IBackupCatalog
{
    public async Task<IReadOnlyList<BackupRecord>> ListAsync(string server, CancellationToken cancellationToken)
    {
        var rows = await reads.BackupsAsync("Server = $server", ("$server", server), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToRecord).OrderBy(b => b.StartedAt).ToList();
    }

    public async Task<(IReadOnlyList<BackupRecord> Backups, int Succeeded)> NewestSucceededAsync(string server, int newest, CancellationToken cancellationToken)
    {
        const string Good = "Server = $server AND Status = 'Succeeded' AND EndedAt IS NOT NULL";
        var limit = Math.Max(0, newest).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rows = await reads.BackupsAsync($"{Good} ORDER BY StartedAt DESC LIMIT {limit}", ("$server", server), cancellationToken).ConfigureAwait(false);
        var count = await reads.CountAsync("backups", Good, ("$server", server), cancellationToken).ConfigureAwait(false);
        return (rows.Select(ToRecord).OrderBy(b => b.StartedAt).ToList(), count);
    }

    public async Task<IReadOnlyList<BackupRecord>> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        var rows = await reads.BackupsAsync("Id = $id", ("$id", id), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToRecord).OrderBy(b => b.Server, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<BackupRecord>> ListRunningAsync(CancellationToken cancellationToken)
    {
        var running = BackupStatus.Running.ToString();
        var rows = await reads.BackupsAsync("Status = $status", ("$status", running), cancellationToken).ConfigureAwait(false);
        return rows.Select(ToRecord).ToList();
    }

    public async Task SaveAsync(BackupRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Backups.FirstOrDefaultAsync(b => b.Server == record.Server && b.Id == record.Id, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            db.Backups.Add(ToRow(record));
        }
        else
        {
            db.Entry(row).CurrentValues.SetValues(ToRow(record));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string server, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Backups.RemoveRange(await db.Backups.Where(b => b.Server == server && ids.Contains(b.Id)).ToListAsync(cancellationToken).ConfigureAwait(false));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReplaceAllAsync(IReadOnlyList<BackupRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        db.Backups.RemoveRange(await db.Backups.ToListAsync(cancellationToken).ConfigureAwait(false));
        db.Backups.AddRange(records.Select(ToRow));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static BackupRow ToRow(BackupRecord r) => new()
    {
        Id = r.Id, Server = r.Server, Kind = r.Kind.ToString(), ParentId = r.ParentId, FromLsn = r.FromLsn, ToLsn = r.ToLsn,
        LastLsn = r.LastLsn, ToolName = r.ToolName, ToolVersion = r.ToolVersion, StartedAt = r.StartedAt, EndedAt = r.EndedAt,
        Bytes = r.Bytes, Status = r.Status.ToString(), Problem = r.Problem, CommandLine = JsonSerializer.Serialize(r.CommandLine),
        Partial = r.Partial, PartialFilter = r.Filter is null ? null : JsonSerializer.Serialize(r.Filter), Directory = r.Directory, Consumed = r.Consumed,
        VerifyState = r.Verification?.State, VerifySummary = r.Verification?.Summary, VerifiedAt = r.Verification?.At,
    };

    private static BackupRecord ToRecord(BackupRow r) => new()
    {
        Id = r.Id, Server = r.Server, Kind = Enum.Parse<BackupKind>(r.Kind), ParentId = r.ParentId, FromLsn = r.FromLsn, ToLsn = r.ToLsn,
        LastLsn = r.LastLsn, ToolName = r.ToolName, ToolVersion = r.ToolVersion, StartedAt = r.StartedAt, EndedAt = r.EndedAt,
        Bytes = r.Bytes, Status = Enum.Parse<BackupStatus>(r.Status), Problem = r.Problem,
        CommandLine = new StoredCommandLine(r.CommandLine), Partial = r.Partial, Directory = r.Directory,
        Filter = r.PartialFilter is null ? null : JsonSerializer.Deserialize<PartialFilter>(r.PartialFilter),
        Consumed = r.Consumed,
        Verification = r.VerifyState is { } state && r.VerifiedAt is { } at ? new BackupVerification(state, r.VerifySummary ?? "", at) : null,
    };
}

/// <summary>
/// A backup's recorded command line, read from its JSON the first time something looks at it.
/// Listing a server's backups (the chain page, retention, bdash backups) reads thousands of rows
/// and looks at none of their command lines; parsing each one cost more than the rest of the row.
/// </summary>
internal sealed class StoredCommandLine(string json) : IReadOnlyList<string>
{
    private readonly Lazy<List<string>> _arguments = new(() => JsonSerializer.Deserialize<List<string>>(json) ?? []);

    public int Count => _arguments.Value.Count;

    public string this[int index] => _arguments.Value[index];

    public IEnumerator<string> GetEnumerator() => _arguments.Value.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
