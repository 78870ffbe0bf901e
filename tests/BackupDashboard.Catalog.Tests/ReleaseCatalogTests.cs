using BackupDashboard.Catalog;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Catalog.Tests;

/// <summary>
/// Fixtures/release-2026-11 is a data folder written by the release before the move to EF Core
/// 10 (EF Core 6.0.7): `bdash server add shop` with a password, then a full and an incremental
/// backup of a throwaway MariaDB 10.11. Today's code must open it, migrate it and read every
/// row and the encrypted password back unchanged.
/// </summary>
public sealed class ReleaseCatalogTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-catalog-");

    public ReleaseCatalogTests()
    {
        // A copy: the committed fixture must stay as that release wrote it.
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-2026-11");
        File.Copy(Path.Combine(fixture, "catalog.db"), _data.Combine("catalog.db"));
        Directory.CreateDirectory(_data.Combine("keys"));
        foreach (var key in Directory.GetFiles(Path.Combine(fixture, "keys")))
        {
            File.Copy(key, Path.Combine(_data.Combine("keys"), Path.GetFileName(key)));
        }
    }

    [Fact]
    public async Task A_catalog_written_by_the_previous_release_opens_and_keeps_its_servers_backups_and_password()
    {
        await using var services = Services();
        await MigrateAsync(services);

        var registry = services.GetRequiredService<IServerRegistry>();
        var server = Assert.Single(await registry.ListAsync(CancellationToken.None));
        var backups = await services.GetRequiredService<IBackupCatalog>().ListAsync("shop", CancellationToken.None);

        Assert.Equal("shop", server.Name);
        Assert.Equal("bk", server.User);
        Assert.Equal("/tmp/fx/sock", server.SocketPath);
        Assert.Equal(BackupToolKind.MariaBackup, server.Tool);
        Assert.Equal("S3cret!pw", await registry.GetPasswordAsync("shop", CancellationToken.None));
        Assert.Equal(["20261202T103605Z-full", "20261202T103606Z-inc"], backups.Select(b => b.Id));
        var (full, inc) = (backups[0], backups[1]);
        Assert.Equal((BackupKind.Full, BackupStatus.Succeeded, 0UL, 44404UL, 48091UL, 17_615_185L), (full.Kind, full.Status, full.FromLsn, full.ToLsn, full.LastLsn, full.Bytes));
        Assert.Equal((BackupKind.Incremental, full.Id, 44404UL, 48405UL), (inc.Kind, inc.ParentId, inc.FromLsn, inc.LastLsn));
        Assert.Equal(new DateTimeOffset(639318045654099286, TimeSpan.Zero), full.StartedAt);
        Assert.Contains("--incremental-basedir=/tmp/fx/bdash/backups/shop/20261202T103605Z-full/target", inc.CommandLine);
    }

    [Fact]
    public async Task The_migrated_catalog_accepts_new_rows_and_still_says_which_migrations_it_holds()
    {
        await using var services = Services();
        await MigrateAsync(services);
        await MigrateAsync(services);
        var catalog = services.GetRequiredService<IBackupCatalog>();
        var next = (await catalog.ListAsync("shop", CancellationToken.None))[1] with { Id = "20261203T000000Z-inc", StartedAt = DateTimeOffset.UnixEpoch };

        await catalog.SaveAsync(next, CancellationToken.None);
        // Backups are keyed on (server, id) now: the same id under another server is a row of its own.
        await catalog.SaveAsync(next with { Server = "web" }, CancellationToken.None);

        Assert.Equal(3, (await catalog.ListAsync("shop", CancellationToken.None)).Count);
        Assert.Equal(["shop", "web"], (await catalog.FindByIdAsync(next.Id, CancellationToken.None)).Select(b => b.Server));
        await using var db = await services.GetRequiredService<IDbContextFactory<CatalogDbContext>>().CreateDbContextAsync();
        Assert.Equal(["20261121104431_InitialServers", "20261121112225_Backups", "20261202131858_BackupIdsPerServer", "20261202133713_BackupConsumed", "20261202230209_Retention", "20261202234356_Schedules", "20261203013951_JobHistory", "20261203021657_Sessions", "20261203024924_Audit", "20261203040952_UsersAndTokens", "20261203074809_PartialBackups"], await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task An_edit_without_a_password_keeps_the_stored_one_and_a_new_password_replaces_it()
    {
        await using var services = Services();
        await MigrateAsync(services);
        var registry = services.GetRequiredService<IServerRegistry>();
        var shop = (await registry.FindAsync("shop", CancellationToken.None))!;

        Assert.True(await registry.UpdateAsync(shop with { SocketPath = null, Host = "10.0.0.7", Port = 3307, User = "bk2" }, password: null, CancellationToken.None));
        var edited = (await registry.FindAsync("shop", CancellationToken.None))!;
        Assert.Equal(("10.0.0.7", 3307, (string?)null, "bk2", true), (edited.Host, edited.Port, edited.SocketPath, edited.User, edited.HasPassword));
        Assert.Equal("S3cret!pw", await registry.GetPasswordAsync("shop", CancellationToken.None));

        Assert.True(await registry.UpdateAsync(edited, password: "", CancellationToken.None));
        Assert.Equal("S3cret!pw", await registry.GetPasswordAsync("shop", CancellationToken.None));

        Assert.True(await registry.UpdateAsync(edited, password: "N3w pw", CancellationToken.None));
        Assert.Equal("N3w pw", await registry.GetPasswordAsync("shop", CancellationToken.None));
        Assert.False(await registry.UpdateAsync(edited with { Name = "nope" }, password: null, CancellationToken.None));
    }

    [Fact]
    public async Task Removing_a_server_drops_its_registration_and_schedule_and_keeps_its_backups()
    {
        await using var services = Services();
        await MigrateAsync(services);
        var registry = services.GetRequiredService<IServerRegistry>();
        var schedules = services.GetRequiredService<Engine.Schedules.IScheduleCatalog>();
        await schedules.SaveAsync(new Engine.Schedules.BackupSchedule("shop", "0 2 * * 0", null, "UTC"), CancellationToken.None);

        Assert.True(await registry.RemoveAsync("shop", CancellationToken.None));

        Assert.Empty(await registry.ListAsync(CancellationToken.None));
        Assert.Null(await schedules.FindAsync("shop", CancellationToken.None));
        Assert.Equal(["20261202T103605Z-full", "20261202T103606Z-inc"],
            (await services.GetRequiredService<IBackupCatalog>().ListAsync("shop", CancellationToken.None)).Select(b => b.Id));
        Assert.False(await registry.RemoveAsync("shop", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_catalog_gets_the_same_schema_as_the_migrated_one()
    {
        using var fresh = new TempFolder("bdash-catalog-new-");
        await using var newServices = Services(fresh.Path);
        await using var oldServices = Services();

        await MigrateAsync(newServices, fresh.Combine("catalog.db"));
        await MigrateAsync(oldServices);

        Assert.Equal(await SchemaAsync(_data.Combine("catalog.db")), await SchemaAsync(fresh.Combine("catalog.db")));
    }

    private ServiceProvider Services(string? dataDir = null)
    {
        var folder = new DataFolder(dataDir ?? _data.Path);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBackupCatalog(folder, new BackupDashboardOptions { DataDir = folder.Root });
        return services.BuildServiceProvider();
    }

    private Task MigrateAsync(ServiceProvider services, string? catalogFile = null) =>
        CatalogStore.MigrateAsync(services.GetRequiredService<IDbContextFactory<CatalogDbContext>>(), catalogFile ?? _data.Combine("catalog.db"), CancellationToken.None);

    /// <summary>Tables, columns and indexes as SQLite describes them, EF's own bookkeeping left out.</summary>
    private static async Task<List<string>> SchemaAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE '__EFMigrations%' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    public void Dispose() => _data.Dispose();
}
