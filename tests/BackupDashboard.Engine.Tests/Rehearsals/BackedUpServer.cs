using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Rehearsals;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupDashboard.Engine.Tests.Rehearsals;

/// <summary>
/// A throwaway mariadbd registered as "db", with a data folder of its own (backups, restore
/// logs, locks, rehearsals), real mariabackup backups in an in-memory catalog, and the
/// rehearsal runner the product would build over them.
/// </summary>
internal sealed class BackedUpServer : IAsyncDisposable
{
    public const string Name = "db";

    private readonly TempFolder _folder = new("bdash-rh-");
    private ThrowawayMariaDb? _db;

    private BackedUpServer()
    {
        Data = new DataFolder(_folder.Combine("data"));
    }

    public DataFolder Data { get; }
    public MemoryCatalog Catalog { get; } = new();
    public ThrowawayMariaDb Db => _db ?? throw new InvalidOperationException("not started");

    /// <summary>A registry and catalog that know "db" but hold no backup and run no server.</summary>
    public static BackedUpServer Empty() => new();

    public static async Task<BackedUpServer> StartAsync()
    {
        _ = RequiredTool.MariaBackup;
        _ = RequiredTool.MariaDbd;
        var server = new BackedUpServer();
        try
        {
            server._db = await ThrowawayMariaDb.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<BackupRecord> TakeAsync(BackupKind kind)
    {
        var runner = new BackupRunner(Registry(), Catalog, new BackupRepository(Data.BackupsDir), Data, TimeProvider.System, NullLogger<BackupRunner>.Instance);
        var record = await runner.RunAsync(Name, new BackupOrder(kind), null, CancellationToken.None);
        Assert.True(record.IsGood, record.Problem);
        return record;
    }

    /// <summary>A small InnoDB table rehearsal.markers holding one row.</summary>
    public async Task CreateMarkersAsync(string marker)
    {
        await Db.ExecuteAsync("CREATE DATABASE rehearsal");
        await Db.ExecuteAsync("CREATE TABLE rehearsal.markers (name VARCHAR(20) PRIMARY KEY) ENGINE=InnoDB");
        await Db.ExecuteAsync($"INSERT INTO rehearsal.markers VALUES ('{marker}')");
    }

    /// <summary>
    /// Waits until InnoDB's checkpoint has passed everything written so far (at most 20 s), so
    /// that a backup's redo holds nothing for the tables as they are now: mariabackup then copies
    /// their files as they are, and prepare does not rewrite their pages.
    /// </summary>
    public Task CheckpointAsync() => Db.CheckpointAsync();

    public RehearsalRunner Rehearsals()
    {
        var restores = new RestoreRunner(Catalog, Registry(), Data.RestoresDir, Data.LocksDir, TimeProvider.System, NullLogger<RestoreRunner>.Instance);
        return new RehearsalRunner(Catalog, restores, Data.RehearsalsDir, TimeProvider.System, NullLogger<RehearsalRunner>.Instance);
    }

    private OneServer Registry() => new(_db is null
        ? new RegisteredServer { Name = Name, SocketPath = "/nonexistent.sock", User = "root", DataDir = _folder.Combine("live") }
        : new RegisteredServer { Name = Name, SocketPath = _db.SocketPath, User = "root", DataDir = _db.DataDir });

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        _folder.Dispose();
    }
}
