using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests;

/// <summary>A backup id names one backup in the whole repository, whichever server and process made it.</summary>
public sealed class BackupIdTests : IDisposable
{
    private static readonly DateTimeOffset SameSecond = new(2026, 12, 2, 13, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _repository = new("bdash-ids-");

    [Fact]
    public void Two_servers_backed_up_in_the_same_second_get_different_ids()
    {
        var repository = new BackupRepository(_repository.Path);

        var web = repository.Begin("web", BackupKind.Full, null, SameSecond, "mariabackup", "10.11");
        var shop = repository.Begin("shop", BackupKind.Full, null, SameSecond, "mariabackup", "10.11");

        Assert.Equal("20261202T130000Z-full", web.Id);
        Assert.Equal("20261202T130000Z-full-2", shop.Id);
        Assert.Equal(_repository.Combine("shop", shop.Id), shop.Directory);
    }

    [Fact]
    public async Task Backups_begun_at_once_from_many_threads_never_share_an_id_or_a_folder()
    {
        var repository = new BackupRepository(_repository.Path);

        var records = await Task.WhenAll(Enumerable.Range(0, 16).Select(n => Task.Run(() =>
            repository.Begin(n % 2 == 0 ? "web" : "shop", BackupKind.Full, null, SameSecond, "mariabackup", "10.11"))));

        Assert.Equal(16, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(16, records.Select(r => r.Directory).Distinct().Count());
        Assert.All(records, r => Assert.Equal(r.Id, BackupManifest.Read(r.Directory).Id));
    }

    [Fact]
    public void An_id_whose_folder_exists_as_a_file_or_folder_in_any_server_is_skipped_never_shared()
    {
        Directory.CreateDirectory(_repository.Combine("web", "20261202T130000Z-full"));
        Directory.CreateDirectory(_repository.Combine("shop"));
        File.WriteAllText(_repository.Combine("shop", "20261202T130000Z-full-2"), "not a folder");
        var repository = new BackupRepository(_repository.Path);

        var record = repository.Begin("shop", BackupKind.Full, null, SameSecond, "mariabackup", "10.11");

        Assert.Equal("20261202T130000Z-full-3", record.Id);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_repository.Combine("web", "20261202T130000Z-full")));
    }

    [Fact]
    public void A_rebuild_reports_what_it_cannot_index_and_notes_an_id_two_servers_hold()
    {
        var repository = new BackupRepository(_repository.Path);
        var web = repository.Begin("web", BackupKind.Full, null, SameSecond, "mariabackup", "10.11");
        // As a repository from before unique ids: the same id under another server.
        Directory.CreateDirectory(_repository.Combine("shop", web.Id));
        BackupManifest.Write(web with { Server = "shop", Directory = _repository.Combine("shop", web.Id) });
        // A folder copied by hand under another name, one without a manifest, and a stray folder.
        Directory.CreateDirectory(_repository.Combine("web", "copy-of-full"));
        File.Copy(Path.Combine(web.Directory, BackupLayout.ManifestFile), _repository.Combine("web", "copy-of-full", BackupLayout.ManifestFile));
        Directory.CreateDirectory(_repository.Combine("web", "empty"));
        Directory.CreateDirectory(_repository.Combine(".trash", "x"));

        var found = repository.ReadAll();

        Assert.Equal(["shop/" + web.Id, "web/" + web.Id], found.Backups.Select(BackupLookup.NameOf).Order(StringComparer.Ordinal));
        Assert.Contains(found.Notes, n => n.Contains($"shop/{web.Id} or web/{web.Id}", StringComparison.Ordinal));
        Assert.Equal(3, found.Problems.Count);
        Assert.Contains(found.Problems, p => p.Contains("copy-of-full: its manifest is for web/" + web.Id, StringComparison.Ordinal));
        Assert.Contains(found.Problems, p => p.Contains("empty", StringComparison.Ordinal) && p.Contains("no manifest", StringComparison.Ordinal));
        Assert.Contains(found.Problems, p => p.Contains(".trash: not a server's folder", StringComparison.Ordinal));
    }

    public void Dispose() => _repository.Dispose();
}
