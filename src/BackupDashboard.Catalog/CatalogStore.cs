using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BackupDashboard.Catalog;

/// <summary>Opens the catalog file and brings its schema up to date with the migrations.</summary>
public static class CatalogStore
{
    /// <summary>How many migrations this build knows; stored in the file's PRAGMA user_version once applied.</summary>
    private static readonly int MigrationCount = typeof(CatalogDbContext).Assembly.GetTypes()
        .Count(t => t.GetCustomAttribute<MigrationAttribute>() is not null);

    public static void Configure(DbContextOptionsBuilder options, string catalogFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The compiled model (CompiledModel/, regenerated with `dotnet ef dbcontext optimize`
        // whenever the model changes) saves building the model on every start: bdash starts
        // once per command, and a backup's overhead is mostly this.
        options.UseSqlite(ConnectionString(catalogFile)).UseModel(CompiledModel.CatalogDbContextModel.Instance);
    }

    /// <summary>
    /// Applies pending migrations. Asking EF whether any are pending costs a few hundred
    /// milliseconds on every bdash call, so the number of applied migrations is also kept in the
    /// file's user_version: when it matches this build, nothing is asked.
    /// </summary>
    public static async Task MigrateAsync(IDbContextFactory<CatalogDbContext> contexts, string catalogFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        await using (var connection = new SqliteConnection(ConnectionString(catalogFile)))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await UseWriteAheadLogAsync(connection, cancellationToken).ConfigureAwait(false);
            if (await UserVersionAsync(connection, cancellationToken).ConfigureAwait(false) == MigrationCount)
            {
                return;
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA user_version = {MigrationCount}"), cancellationToken).ConfigureAwait(false);
    }

    private static string ConnectionString(string catalogFile) => $"Data Source={catalogFile}";

    /// <summary>
    /// The catalog is written by several processes and threads at once (the dashboard's jobs, a
    /// run's cancel watch reading its row every second, bdash from cron). With SQLite's rollback
    /// journal a reader blocks a writer's commit, and a write under load failed with "database is
    /// locked"; in WAL mode readers and the one writer do not wait for each other. The mode is
    /// kept in the file, so this changes it once.
    /// </summary>
    private static async Task UseWriteAheadLogAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        if (!string.Equals(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            command.CommandText = "PRAGMA journal_mode = WAL";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long> UserVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
    }
}
