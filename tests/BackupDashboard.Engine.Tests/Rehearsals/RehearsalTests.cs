using System.Security.Cryptography;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.Engine.Tests.Rehearsals;

/// <summary>
/// Restore rehearsals with real mariadbd and mariabackup (docs/rehearsals.md): the newest restore
/// point is restored into a scratch folder and checked, the scratch folder is gone afterwards,
/// and the stored backups are read, never prepared.
/// </summary>
public sealed class RehearsalTests
{
    private const int PageSize = 16384;

    [Fact]
    public async Task A_full_and_an_incremental_rehearse_the_incremental_pass_and_leave_the_stored_backups_as_they_were()
    {
        await using var server = await BackedUpServer.StartAsync();
        await server.CreateMarkersAsync("in the full");
        var full = await server.TakeAsync(BackupKind.Full);
        await server.Db.ExecuteAsync("INSERT INTO rehearsal.markers VALUES ('in the inc')");
        var incremental = await server.TakeAsync(BackupKind.Incremental);
        var before = Fingerprint(full, incremental);

        var result = await server.Rehearsals().RunAsync(BackedUpServer.Name, CancellationToken.None);

        Assert.True(result.Passed, result.Reason + Environment.NewLine + result.Log);
        Assert.Equal(incremental.Id, result.RestorePoint);
        Assert.True(result.TablesChecked > 0);
        Assert.Equal($"{result.TablesChecked} tables checked, none bad", result.Reason);
        Assert.True(result.TimeToRestore > TimeSpan.Zero);
        Assert.True(result.CheckDuration > TimeSpan.Zero);
        Assert.Null(result.CleanupProblem);
        Assert.Contains($"CHECK TABLE: all {result.TablesChecked} InnoDB tables OK", result.Log, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(server.Data.RehearsalsDir));
        Assert.Equal(before, Fingerprint(full, incremental));
        Assert.All(await server.Catalog.ListAsync(BackedUpServer.Name, CancellationToken.None), b => Assert.Null(b.Consumed));
        Console.WriteLine($"rehearsal of a full + incremental: time to restore {result.TimeToRestore}, check {result.CheckDuration}, {result.Reason}{Environment.NewLine}{result.Log}");
    }

    [Fact]
    public async Task A_newest_backup_with_a_garbled_page_fails_the_rehearsal_and_says_why()
    {
        await using var server = await BackedUpServer.StartAsync();
        await server.CreateMarkersAsync("garbled");
        // Otherwise the backup's redo recreates the table's pages in prepare, and the garbling is undone.
        await server.CheckpointAsync();
        var full = await server.TakeAsync(BackupKind.Full);
        // The middle of the table's root page (page 3): its checksum no longer matches.
        await using (var ibd = new FileStream(Path.Combine(full.TargetDir, "rehearsal", "markers.ibd"), FileMode.Open, FileAccess.Write))
        {
            ibd.Position = 3 * PageSize + PageSize / 2;
            await ibd.WriteAsync(RandomNumberGenerator.GetBytes(64));
        }

        var result = await server.Rehearsals().RunAsync(BackedUpServer.Name, CancellationToken.None);

        Assert.False(result.Passed, result.Log);
        Assert.Equal(full.Id, result.RestorePoint);
        Assert.StartsWith("CHECK TABLE found", result.Reason, StringComparison.Ordinal);
        Assert.Contains("`rehearsal`.`markers`", result.Reason, StringComparison.Ordinal);
        Assert.Null(result.CleanupProblem);
        Assert.Empty(Directory.EnumerateFileSystemEntries(server.Data.RehearsalsDir));
        Console.WriteLine($"rehearsal of a garbled full: {result.Reason}");
    }

    [Fact]
    public async Task A_server_without_backups_has_no_restore_point_to_rehearse_and_nothing_is_written()
    {
        await using var server = BackedUpServer.Empty();

        var result = await server.Rehearsals().RunAsync(BackedUpServer.Name, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.Null(result.RestorePoint);
        Assert.Equal("no restore point to rehearse: the server has no backups", result.Reason);
        Assert.Null(result.TimeToRestore);
        Assert.False(Directory.Exists(server.Data.RehearsalsDir));
        Assert.False(Directory.Exists(server.Data.RestoresDir));
    }

    /// <summary>Every stored file's path and SHA-256, the checkpoints files among them.</summary>
    private static List<string> Fingerprint(params BackupRecord[] backups)
    {
        Assert.All(backups, b => Assert.NotNull(CheckpointsFile.FindIn(b.TargetDir)));
        return backups.SelectMany(b => Directory.EnumerateFiles(b.Directory, "*", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}")
            .ToList();
    }
}
