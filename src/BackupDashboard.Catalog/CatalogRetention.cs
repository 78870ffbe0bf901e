using System.Text.Json;
using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Retention;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>Retention policies and the record of deletions, in the catalog (reads in plain SQL, <see cref="CatalogReads"/>).</summary>
public sealed class CatalogRetention(IDbContextFactory<CatalogDbContext> contexts, CatalogReads reads, TimeProvider clock) : IRetentionCatalog
{
    public async Task<RetentionPolicy?> FindPolicyAsync(string server, CancellationToken cancellationToken)
    {
        var rows = await reads.RetentionPoliciesAsync(server, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : new RetentionPolicy(rows[0].KeepChains, rows[0].KeepDays);
    }

    public async Task SavePolicyAsync(string server, RetentionPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.RetentionPolicies.FirstOrDefaultAsync(p => p.Server == server, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            db.RetentionPolicies.Add(row = new RetentionPolicyRow { Server = server });
        }

        row.KeepChains = policy.KeepChains;
        row.KeepDays = policy.KeepDays;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RecordDeletionAsync(DeletionRecord deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Deletions.Add(new DeletionRow
        {
            Server = deletion.Server, FullId = deletion.FullId, BackupIds = JsonSerializer.Serialize(deletion.BackupIds), Who = deletion.Who,
            At = deletion.At, Why = deletion.Why, BytesFreed = deletion.BytesFreed,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DeletionRecord>> ListDeletionsAsync(string server, CancellationToken cancellationToken)
    {
        var rows = await reads.DeletionsAsync(server, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new DeletionRecord(r.Server, r.FullId, JsonSerializer.Deserialize<List<string>>(r.BackupIds) ?? [], r.Who, r.At, r.Why, r.BytesFreed)).ToList();
    }
}
