using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.RestoreRuns;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>
/// The working copy is made with cp --sparse=always and its holes are then allocated without
/// being written: same bytes, same blocks as the stored backup, except where the stored file has
/// holes of its own. Run against the real cp, fallocate and find on this machine's file system.
/// </summary>
public sealed class HoleAllocationTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bdash-holes-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_partial_restores_working_copy_is_not_sparse_because_the_operator_copies_its_tables_on()
    {
        Assert.DoesNotContain("--sparse=always", CopySteps.WorkingCopy(Backup(_root), Path.Combine(_root, "w"), sparse: false).Argv);
    }

    [Fact]
    public async Task Zero_blocks_left_out_by_cp_are_allocated_again_and_a_stored_sparse_file_stays_sparse()
    {
        var (stored, copy) = await StoredAndSparseCopyAsync();
        Assert.True(await BlocksAsync(Path.Combine(copy, "db", "t1.ibd")) < 1024 * 1024 / 512, "cp --sparse=always left the zero blocks out");

        var said = HoleAllocation.Allocate(copy, stored);

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(stored, "db", "t1.ibd")), await File.ReadAllBytesAsync(Path.Combine(copy, "db", "t1.ibd")));
        Assert.True(await BlocksAsync(Path.Combine(copy, "db", "t1.ibd")) >= 1024 * 1024 / 512, "the holes were allocated");
        Assert.Contains(said, line => line.Contains("t1.ibd", StringComparison.Ordinal));
        Assert.True(await BlocksAsync(Path.Combine(copy, "db", "compressed.ibd")) < 1024 * 1024 / 512, "a stored file with holes keeps them");
        Assert.DoesNotContain(said, line => line.Contains("compressed.ibd", StringComparison.Ordinal));
        Assert.DoesNotContain(said, line => line.Contains("backup-my.cnf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_runbook_allocates_the_same_files_by_hand()
    {
        var (stored, copy) = await StoredAndSparseCopyAsync();
        var script = new RunbookText();
        script.Line("set -euo pipefail");
        RunbookChecks.AllocateHoles(script, new HolesToAllocate(copy, stored));
        var file = Path.Combine(_root, "runbook.sh");
        await File.WriteAllTextAsync(file, script.ToString());

        var run = await CommandResult.RunAsync("bash", [file], CancellationToken.None);

        Assert.True(run.Succeeded, run.StandardError);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(stored, "db", "t1.ibd")), await File.ReadAllBytesAsync(Path.Combine(copy, "db", "t1.ibd")));
        Assert.True(await BlocksAsync(Path.Combine(copy, "db", "t1.ibd")) >= 1024 * 1024 / 512, "the runbook allocated the holes");
        Assert.True(await BlocksAsync(Path.Combine(copy, "db", "compressed.ibd")) < 1024 * 1024 / 512, "the runbook kept the stored file's own holes");
    }

    /// <summary>
    /// A stored backup with a 1 MiB tablespace of written zeros and one data page (as InnoDB's free
    /// pages are), a 1 MiB file with a real hole (as page compression leaves), and a small text file.
    /// </summary>
    private async Task<(string Stored, string Copy)> StoredAndSparseCopyAsync()
    {
        var stored = Backup(Path.Combine(_root, "backup")).TargetDir;
        Directory.CreateDirectory(Path.Combine(stored, "db"));
        var page = new byte[16384];
        Array.Fill(page, (byte)0x5a);
        await using (var tablespace = File.Create(Path.Combine(stored, "db", "t1.ibd")))
        {
            await tablespace.WriteAsync(page);
            await tablespace.WriteAsync(new byte[(1024 * 1024) - page.Length]);
        }

        await using (var compressed = File.Create(Path.Combine(stored, "db", "compressed.ibd")))
        {
            await compressed.WriteAsync(page);
            compressed.SetLength(1024 * 1024);
        }

        await File.WriteAllTextAsync(Path.Combine(stored, "backup-my.cnf"), "[mysqld]\n");
        Assert.False(HoleAllocation.HasHole(Path.Combine(stored, "db", "t1.ibd")));
        Assert.True(HoleAllocation.HasHole(Path.Combine(stored, "db", "compressed.ibd")));
        var copy = Path.Combine(_root, "work");
        var step = CopySteps.WorkingCopy(Backup(Path.Combine(_root, "backup")), copy);
        var cp = await CommandResult.RunAsync(step.Argv[0], step.Argv.Skip(1).ToList(), CancellationToken.None);
        Assert.True(cp.Succeeded, cp.StandardError);
        return (stored, copy);
    }

    private static BackupRecord Backup(string folder) => new()
    {
        Id = "f", Server = "db", Kind = BackupKind.Full, ToolName = "mariabackup", StartedAt = DateTimeOffset.UnixEpoch,
        Status = BackupStatus.Succeeded, Directory = folder,
    };

    private static async Task<long> BlocksAsync(string path)
    {
        var stat = await CommandResult.RunAsync("stat", ["-c", "%b", path], CancellationToken.None);
        return long.Parse(stat.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
