using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>Opens the catalog file and brings its schema up to date with the migrations.</summary>
public static class CatalogStore
{
    public static void Configure(DbContextOptionsBuilder options, string catalogFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite($"Data Source={catalogFile}");
    }

    public static async Task MigrateAsync(IDbContextFactory<CatalogDbContext> contexts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
