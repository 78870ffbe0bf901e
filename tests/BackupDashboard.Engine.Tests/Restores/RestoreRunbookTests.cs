using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>The runbook: the plan as a bash script an operator can read and run by hand.</summary>
public sealed class RestoreRunbookTests
{
    [Fact]
    public async Task The_runbook_has_the_header_the_guards_and_every_command_in_order_and_bash_accepts_it()
    {
        using var disk = ChainOnDisk.Linear(3);
        var plan = disk.Plan("i2", disk.Options with { Verify = true });

        var text = RestoreRunbook.ToShellScript(plan);

        Assert.StartsWith("#!/usr/bin/env bash\n", text, StringComparison.Ordinal);
        Assert.Contains("# Server:        db\n", text, StringComparison.Ordinal);
        Assert.Contains("# Restore point: i2 (incremental, from_lsn 200, to_lsn 300, last_lsn 310)", text, StringComparison.Ordinal);
        Assert.Contains("f (full, lsn 0 -> 100) -> i1 (incremental, lsn 100 -> 200)", text, StringComparison.Ordinal);
        Assert.Contains("\nset -euo pipefail\n", text, StringComparison.Ordinal);
        string[] inOrder =
        [
            "set -euo pipefail", "is not empty: restore into an empty or new directory",
            $"cp -a --reflink=auto --sparse=always {disk.Target("f")}/. {disk.Work("f")}\n",
            $" sh {disk.Target("i2")} {disk.Work("i2")}\n",
            $"mariabackup --prepare --target-dir={disk.Work("f")}\n",
            $"mariabackup --prepare --target-dir={disk.Work("f")} --incremental-dir={disk.Work("i1")}\n",
            $"mariabackup --prepare --target-dir={disk.Work("f")} --incremental-dir={disk.Work("i2")}\n",
            $"sed -n 's/^backup_type = //p' {disk.Work("f")}/xtrabackup_checkpoints",
            "log-applied|full-prepared)",
            $"fallocate -l \"$size\" -- {disk.Work("f")}/\"$file\"\n",
            $"mv -T -- {disk.Work("f")} {disk.DataDir}\n",
            "-name '*backup-my.cnf' -o -name '*xtrabackup_binary'",
            $"  chown -R mysql:mysql {disk.DataDir}\n",
            $"#   mariadbd --no-defaults --datadir={disk.DataDir}",
        ];
        var positions = inOrder.Select(part => text.IndexOf(part, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("# Step 4 of 9, prepare (f): Prepare the base f (full, to_lsn 100)", text, StringComparison.Ordinal);
        await AssertBashAcceptsAsync(text);
    }

    [Fact]
    public async Task Paths_with_spaces_and_quotes_are_quoted_and_in_place_warns_in_the_header()
    {
        using var disk = ChainOnDisk.Linear(2, "xtrabackup", "8.0.35-30");
        var dataDir = disk.DataDir + " o'brien $HOME";
        var plan = disk.Plan("i1", new RestoreOptions(dataDir, MoveBack: true, InPlace: true));

        var text = RestoreRunbook.ToShellScript(plan);

        Assert.Contains($"--datadir={disk.DataDir} o'\\''brien $HOME'", text, StringComparison.Ordinal);
        Assert.Contains("# WARNING: In place: the stored chain is used up by this restore (f, i1)", text, StringComparison.Ordinal);
        Assert.Contains($"xtrabackup --move-back --target-dir={disk.Target("f")}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cp -a", text, StringComparison.Ordinal);
        await AssertBashAcceptsAsync(text);
    }

    [Fact]
    public void A_line_break_in_a_catalog_value_stays_inside_the_header_comment_and_one_in_the_datadir_is_refused()
    {
        using var disk = ChainOnDisk.Linear(1);
        disk.Change("f", b => b with { Server = "db\r\nrm -rf /tmp/x" });

        var text = RestoreRunbook.ToShellScript(disk.Plan("f"));

        Assert.Contains("# Server:        db  rm -rf /tmp/x\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nrm -rf", text, StringComparison.Ordinal);
        Assert.Throws<RestoreRefusedException>(() => disk.Plan("f", new RestoreOptions(disk.DataDir + "\ntouch /tmp/y")));
    }

    private static async Task AssertBashAcceptsAsync(string text)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, text);
            var check = await CommandResult.RunAsync("bash", ["-n", file], CancellationToken.None);
            Assert.True(check.Succeeded, check.StandardError);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
