using BackupDashboard.Catalog.Entities;
using Microsoft.EntityFrameworkCore;

namespace BackupDashboard.Catalog;

/// <summary>
/// The catalog: the registered servers, an index of the backups, backup schedules, retention policies and the deletions they made, the job history, users, API tokens, sign-in sessions and the audit log.
/// One context per operation through IDbContextFactory; the schema comes from migrations.
/// </summary>
public sealed class CatalogDbContext(DbContextOptions<CatalogDbContext> options) : DbContext(options)
{
    public DbSet<ServerRow> Servers => Set<ServerRow>();
    public DbSet<BackupRow> Backups => Set<BackupRow>();
    public DbSet<RetentionPolicyRow> RetentionPolicies => Set<RetentionPolicyRow>();
    public DbSet<DeletionRow> Deletions => Set<DeletionRow>();
    public DbSet<ScheduleRow> Schedules => Set<ScheduleRow>();
    public DbSet<JobRunRow> JobRuns => Set<JobRunRow>();
    public DbSet<SessionRow> Sessions => Set<SessionRow>();
    public DbSet<AuditRow> Audit => Set<AuditRow>();
    public DbSet<UserRow> Users => Set<UserRow>();
    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ServerRow>(server =>
        {
            server.ToTable("servers");
            server.HasIndex(s => s.Name).IsUnique();
            server.Property(s => s.Name).HasMaxLength(64);
            server.Property(s => s.Tool).HasMaxLength(16);
            server.Property(s => s.RegisteredAt).HasConversion<UtcTicksConverter>();
        });
        modelBuilder.Entity<BackupRow>(backup =>
        {
            backup.ToTable("backups");
            // Ids are unique across the repository for every backup made now; folders from before
            // that can share one between servers, and a rebuild indexes both (docs/formats/manifest.md).
            backup.HasKey(b => new { b.Server, b.Id });
            backup.HasIndex(b => b.Id);
            backup.HasIndex(b => new { b.Server, b.StartedAt });
            // SQLite integers are signed 64-bit; LSNs stay far below 2^63.
            backup.Property(b => b.FromLsn).HasConversion<long?>();
            backup.Property(b => b.ToLsn).HasConversion<long?>();
            backup.Property(b => b.LastLsn).HasConversion<long?>();
            backup.Property(b => b.StartedAt).HasConversion<UtcTicksConverter>();
            backup.Property(b => b.EndedAt).HasConversion<NullableUtcTicksConverter>();
            backup.Property(b => b.VerifiedAt).HasConversion<NullableUtcTicksConverter>();
        });
        modelBuilder.Entity<RetentionPolicyRow>(policy =>
        {
            policy.ToTable("retention_policies");
            policy.HasKey(p => p.Server);
            policy.Property(p => p.Server).HasMaxLength(64);
            policy.Property(p => p.UpdatedAt).HasConversion<UtcTicksConverter>();
        });
        modelBuilder.Entity<ScheduleRow>(schedule =>
        {
            schedule.ToTable("schedules");
            schedule.HasKey(p => p.Server);
            schedule.Property(p => p.Server).HasMaxLength(64);
            schedule.Property(p => p.UpdatedAt).HasConversion<UtcTicksConverter>();
        });
        modelBuilder.Entity<DeletionRow>(deletion =>
        {
            deletion.ToTable("deletions");
            deletion.HasIndex(d => new { d.Server, d.At });
            deletion.Property(d => d.At).HasConversion<UtcTicksConverter>();
        });
        modelBuilder.Entity<AuditRow>(audit =>
        {
            audit.ToTable("audit");
            audit.Property(a => a.At).HasConversion<UtcTicksConverter>();
        });
        modelBuilder.Entity<SessionRow>(session =>
        {
            session.ToTable("sessions");
            session.HasKey(s => s.Id);
            session.HasIndex(s => s.User);
            session.Property(s => s.Id).HasMaxLength(32);
            session.Property(s => s.StartedAt).HasConversion<UtcTicksConverter>();
            session.Property(s => s.EndedAt).HasConversion<NullableUtcTicksConverter>();
        });
        modelBuilder.Entity<UserRow>(user =>
        {
            user.ToTable("users");
            user.HasKey(u => u.Name);
            user.Property(u => u.Name).HasMaxLength(64);
            user.Property(u => u.Role).HasMaxLength(16);
            user.Property(u => u.CreatedAt).HasConversion<UtcTicksConverter>();
            user.Property(u => u.PasswordChangedAt).HasConversion<NullableUtcTicksConverter>();
        });
        modelBuilder.Entity<ApiTokenRow>(token =>
        {
            token.ToTable("api_tokens");
            token.HasKey(t => t.Id);
            token.HasIndex(t => t.Owner);
            token.Property(t => t.Id).HasMaxLength(12);
            token.Property(t => t.Name).HasMaxLength(64);
            token.Property(t => t.Role).HasMaxLength(16);
            token.Property(t => t.CreatedAt).HasConversion<UtcTicksConverter>();
            token.Property(t => t.LastUsedAt).HasConversion<NullableUtcTicksConverter>();
            token.Property(t => t.RevokedAt).HasConversion<NullableUtcTicksConverter>();
        });
        modelBuilder.Entity<JobRunRow>(run =>
        {
            run.ToTable("job_runs");
            run.HasIndex(r => new { r.Server, r.QueuedAt });
            run.HasIndex(r => r.State);
            run.Property(r => r.Server).HasMaxLength(64);
            run.Property(r => r.QueuedAt).HasConversion<UtcTicksConverter>();
            run.Property(r => r.StartedAt).HasConversion<NullableUtcTicksConverter>();
            run.Property(r => r.EndedAt).HasConversion<NullableUtcTicksConverter>();
        });
    }
}
