using BackupDashboard.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>
/// The catalog: an index of what the product knows (servers now; backups and chains later).
/// One context per operation through IDbContextFactory; the schema comes from migrations.
/// </summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<ServerRow> Servers => Set<ServerRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ServerRow>(server =>
        {
            server.ToTable("servers");
            server.HasIndex(s => s.Name).IsUnique();
            server.Property(s => s.Name).HasMaxLength(64);
            server.Property(s => s.Tool).HasMaxLength(16);
            // SQLite cannot order or compare DateTimeOffset; store UTC ticks.
            server.Property(s => s.RegisteredAt).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        });
    }
}
