using System.Globalization;
using BackupDashboard.Catalog;
using BackupDashboard.Catalog.Entities;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: SeedHistory DATA_FOLDER SERVER BACKUPS RUNS
// A year of nightly-ish backups of one server, a full every 7th, each with its checkpoints file on
// disk (the chain page reads it, as it does for real backups), and as many job runs of every kind.
if (args.Length != 4)
{
    await Console.Error.WriteLineAsync("usage: SeedHistory DATA_FOLDER SERVER BACKUPS RUNS");
    return 2;
}

var folder = new DataFolder(args[0]);
var server = args[1];
var backupCount = int.Parse(args[2], CultureInfo.InvariantCulture);
var runCount = int.Parse(args[3], CultureInfo.InvariantCulture);
Directory.CreateDirectory(folder.Root);
Directory.CreateDirectory(folder.KeysDir);

var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
    .AddBackupCatalog(folder, new BackupDashboardOptions { DataDir = folder.Root }).BuildServiceProvider();
await using (services.ConfigureAwait(false))
{
    var contexts = services.GetRequiredService<IDbContextFactory<CatalogDbContext>>();
    await CatalogStore.MigrateAsync(contexts, folder.CatalogFile, CancellationToken.None).ConfigureAwait(false);
    await services.GetRequiredService<IServerRegistry>().AddAsync(
        new RegisteredServer { Name = server, SocketPath = "/run/mysqld/bench-not-running.sock", User = "backup", DataDir = "/var/lib/mysql" }, null, CancellationToken.None)
        .ConfigureAwait(false);

    var repository = services.GetRequiredService<BackupRepository>();
    var start = new DateTimeOffset(2026, 1, 1, 2, 0, 0, TimeSpan.Zero);
    var records = new List<BackupRecord>(backupCount);
    ulong lsn = 1_000_000;
    string? parent = null;
    for (var i = 0; i < backupCount; i++)
    {
        var full = i % 7 == 0;
        var started = start.AddHours(2 * i);
        var id = started.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + (full ? "-full" : "-inc");
        var from = full ? 0 : lsn;
        lsn += (ulong)(50_000 + (i % 13) * 7_000);
        var record = new BackupRecord
        {
            Id = id, Server = server, Kind = full ? BackupKind.Full : BackupKind.Incremental, ParentId = full ? null : parent,
            FromLsn = from, ToLsn = lsn, LastLsn = lsn, ToolName = "mariabackup", ToolVersion = "10.11.19",
            StartedAt = started, EndedAt = started.AddSeconds(full ? 300 + (i % 50) : 20 + (i % 40)),
            Bytes = full ? 4_000_000_000L + i * 1_000_000L : 50_000_000L + (i % 30) * 3_000_000L,
            Status = BackupStatus.Succeeded, Directory = Path.Combine(repository.Root, server, id),
        };
        // A command line as bdash records it, so that reading a backup costs what reading a real one does.
        record = record with
        {
            CommandLine = ["mariabackup", $"--defaults-extra-file={folder.Root}/run/{id}.cnf", "--backup", $"--target-dir={record.TargetDir}", "--user=backup",
                "--socket=/run/mysqld/mysqld.sock", "--datadir=/var/lib/mysql", "--parallel=2", "--verbose",
                .. full ? Array.Empty<string>() : [$"--incremental-basedir={Path.Combine(repository.Root, server, parent!, "target")}"]],
        };
        Directory.CreateDirectory(record.TargetDir);
        await File.WriteAllTextAsync(Path.Combine(record.TargetDir, "xtrabackup_checkpoints"),
            $"backup_type = {(full ? "full-backuped" : "incremental")}\nfrom_lsn = {from}\nto_lsn = {lsn}\nlast_lsn = {lsn}\n").ConfigureAwait(false);
        records.Add(record);
        parent = id;
    }

    await services.GetRequiredService<IBackupCatalog>().ReplaceAllAsync(records, CancellationToken.None).ConfigureAwait(false);

    // Runs are written in one go: the history's own QueueAsync/FinishAsync would take three writes each.
    await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
    var kinds = Enum.GetValues<JobKind>();
    var triggers = Enum.GetValues<JobTrigger>();
    for (var i = 0; i < runCount; i++)
    {
        var queued = start.AddHours(1.75 * i);
        var state = i % 41 == 0 ? JobState.Failed : i % 97 == 0 ? JobState.Cancelled : JobState.Succeeded;
        db.JobRuns.Add(new JobRunRow
        {
            Kind = JobWords.Of(kinds[i % kinds.Length]), Server = server, Trigger = JobWords.Of(triggers[i % triggers.Length]), State = JobWords.Of(state),
            Subject = i < records.Count ? records[i].Id : null, QueuedAt = queued, StartedAt = queued.AddSeconds(1), EndedAt = queued.AddSeconds(2 + (i % 600)),
            Reason = state == JobState.Failed ? "The tool exited with code 1 without \"completed OK!\":\n[00] FATAL ERROR: failed to connect" : "Done.",
            Bytes = 50_000_000L + i,
        });
    }

    await db.SaveChangesAsync().ConfigureAwait(false);
}

Console.WriteLine($"seeded {folder.Root}: {backupCount} backups and {runCount} runs of {server}");
return 0;
