using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>
/// An incremental's working copy links the stored .delta files and copies the rest
/// (docs/restore-plans.md, "The working copy"): the plan's choice, the copy command run for real,
/// and the watch that catches a write through a link.
/// </summary>
public sealed class IncrementalLinkTests
{
    [Fact]
    public void On_one_mount_a_mariabackup_incremental_links_and_the_full_is_always_copied()
    {
        using var disk = ChainOnDisk.Linear(3);

        var copies = disk.Plan("i2").Steps.Where(s => s.Kind == RestoreStepKind.Copy).ToList();

        Assert.Equal(["cp", "-a", "--reflink=auto", "--sparse=always", disk.Target("f") + "/.", disk.Work("f")], copies[0].Argv);
        Assert.Null(copies[0].SharesFilesWith);
        Assert.Equal([disk.Target("i1"), disk.Target("i2")], copies.Skip(1).Select(s => s.SharesFilesWith));
        Assert.All(copies.Skip(1), s => Assert.Equal(["sh", "-c"], s.Argv.Take(2)));
        Assert.Equal([disk.Target("i1"), disk.Work("i1")], copies[1].Argv.TakeLast(2));
        Assert.Contains("hard-linked to the stored ones", copies[1].Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_another_mount_or_for_XtraBackup_every_incremental_is_copied()
    {
        using var disk = ChainOnDisk.Linear(2);
        using var xtra = ChainOnDisk.Linear(2, "xtrabackup", "8.0.35");
        using var tmpfs = await TmpfsMount.CreateAsync(16);

        var otherMount = disk.Plan("i1", disk.Options with { ScratchDir = Path.Combine(tmpfs.Path, "work") }).Steps[1];
        var xtraBackup = xtra.Plan("i1").Steps[1];

        Assert.Equal("cp", otherMount.Argv[0]);
        Assert.Null(otherMount.SharesFilesWith);
        Assert.Equal("cp", xtraBackup.Argv[0]);
        Assert.Null(xtraBackup.SharesFilesWith);
    }

    [Fact]
    public async Task The_copy_links_only_the_deltas_and_the_redo_log_and_copies_every_other_file_and_folder_with_its_mode()
    {
        using var disk = ChainOnDisk.Linear(2);
        var stored = disk.Target("i1");
        Directory.CreateDirectory(Path.Combine(stored, "shop"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(Path.Combine(stored, "empty"));
        string[] files = ["ibdata1.delta", "ibdata1.meta", "ib_logfile0", "shop/t.ibd.delta", "shop/t.ibd.meta", "shop/later.new", "shop/t.frm"];
        foreach (var file in files)
        {
            await File.WriteAllTextAsync(Path.Combine(stored, file), "content of " + file);
        }

        var copy = disk.Work("i1");
        Directory.CreateDirectory(disk.WorkDir);
        var argv = CopySteps.IncrementalWorkingCopy(disk["i1"], copy).Argv;

        var result = await CommandResult.RunAsync(argv[0], argv.Skip(1), CancellationToken.None);

        Assert.True(result.Succeeded, result.StandardError);
        foreach (var file in files)
        {
            Assert.Equal("content of " + file, await File.ReadAllTextAsync(Path.Combine(copy, file)));
            var linked = file.EndsWith(".delta", StringComparison.Ordinal) || file == "ib_logfile0";
            Assert.Equal(linked, Inode(Path.Combine(stored, file)) == Inode(Path.Combine(copy, file)));
        }

        Assert.True(Directory.Exists(Path.Combine(copy, "empty")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(copy, "shop")));

        // What prepare does to the working copy: the link goes, the stored file stays.
        File.Delete(Path.Combine(copy, "shop/t.ibd.delta"));
        Assert.Equal("content of shop/t.ibd.delta", await File.ReadAllTextAsync(Path.Combine(stored, "shop/t.ibd.delta")));
    }

    [Fact]
    public async Task When_a_link_is_refused_the_copy_copies_those_files_instead()
    {
        using var disk = ChainOnDisk.Linear(2);
        using var tmpfs = await TmpfsMount.CreateAsync(16);
        var stored = disk.Target("i1");
        Directory.CreateDirectory(Path.Combine(stored, "shop"));
        await File.WriteAllTextAsync(Path.Combine(stored, "shop", "t.ibd.delta"), "pages");
        await File.WriteAllTextAsync(Path.Combine(stored, "ib_logfile0"), "redo");
        var copy = Path.Combine(tmpfs.Path, "i1");
        // Another mount: link(2) fails with EXDEV, as it fails with EPERM under fs.protected_hardlinks.
        var argv = CopySteps.IncrementalWorkingCopy(disk["i1"], copy).Argv;

        var result = await CommandResult.RunAsync(argv[0], argv.Skip(1), CancellationToken.None);

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Equal("pages", await File.ReadAllTextAsync(Path.Combine(copy, "shop", "t.ibd.delta")));
        Assert.Equal("redo", await File.ReadAllTextAsync(Path.Combine(copy, "ib_logfile0")));
        Assert.NotEqual(Inode(Path.Combine(stored, "ib_logfile0")), Inode(Path.Combine(copy, "ib_logfile0")));
    }

    [Fact]
    public async Task The_watch_names_a_stored_delta_or_redo_log_written_or_removed_through_a_link_and_nothing_else()
    {
        using var disk = ChainOnDisk.Linear(3);
        foreach (var id in new[] { "i1", "i2" })
        {
            Directory.CreateDirectory(Path.Combine(disk.Target(id), "shop"));
            await File.WriteAllTextAsync(Path.Combine(disk.Target(id), "shop", "t.ibd.delta"), "pages of " + id);
            await File.WriteAllTextAsync(Path.Combine(disk.Target(id), "shop", "t.frm"), "definition");
            await File.WriteAllTextAsync(Path.Combine(disk.Target(id), "ib_logfile0"), "redo");
        }

        var watch = LinkedFilesWatch.Take(disk.Plan("i2"));
        await File.WriteAllTextAsync(Path.Combine(disk.Target("i1"), "shop", "t.frm"), "copied, not linked: not watched");
        Assert.Empty(watch.Changed());

        var written = Path.Combine(disk.Target("i2"), "shop", "t.ibd.delta");
        await using (var stream = new FileStream(written, FileMode.Open, FileAccess.Write))
        {
            stream.WriteByte((byte)'P');
        }

        Assert.Equal([written], watch.Changed());
        var log = Path.Combine(disk.Target("i1"), "ib_logfile0");
        await File.AppendAllTextAsync(log, " and a checkpoint");
        File.Delete(Path.Combine(disk.Target("i1"), "shop", "t.ibd.delta"));
        Assert.Equal([log, Path.Combine(disk.Target("i1"), "shop", "t.ibd.delta"), written], watch.Changed());
    }

    /// <summary>Device and inode: two names for one file share both.</summary>
    private static string Inode(string path)
    {
        var stat = CommandResult.RunAsync("stat", ["-c", "%d:%i", path], CancellationToken.None).GetAwaiter().GetResult();
        return stat.StandardOutput.Trim();
    }
}
