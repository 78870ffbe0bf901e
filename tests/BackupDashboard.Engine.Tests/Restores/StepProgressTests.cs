using System.Collections.Concurrent;
using BackupDashboard.Engine.RestoreRuns;
using BackupDashboard.Engine.Restores;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Engine.Tests.Restores;

/// <summary>A running restore step measured from outside: bytes arrived, .delta bytes applied, the file named in the tool's output.</summary>
public class StepProgressTests
{
    [Fact]
    public void A_copy_counts_the_bytes_arrived_and_names_the_half_copied_file()
    {
        using var folder = new TempFolder("bdash-meter-");
        var from = Directory.CreateDirectory(Path.Combine(folder.Path, "from", "shop")).Parent!.FullName;
        var to = Path.Combine(folder.Path, "to");
        File.WriteAllBytes(Path.Combine(from, "ibdata1"), new byte[3000]);
        File.WriteAllBytes(Path.Combine(from, "shop", "orders.ibd"), new byte[1000]);

        var meter = StepMeter.Start(new StepWork(from, to));
        Assert.Equal(4000, meter.Total);
        Assert.Equal((0, null), meter.Read());

        Directory.CreateDirectory(Path.Combine(to, "shop"));
        File.WriteAllBytes(Path.Combine(to, "ibdata1"), new byte[3000]);
        File.WriteAllBytes(Path.Combine(to, "shop", "orders.ibd"), new byte[400]);
        // A file the source does not have (the tool's own) is not counted.
        File.WriteAllBytes(Path.Combine(to, "aria_log_control"), new byte[5000]);

        Assert.Equal((3400, "./shop/orders.ibd"), meter.Read());
    }

    [Fact]
    public void An_incremental_prepare_counts_the_delta_bytes_the_tool_has_unlinked()
    {
        using var folder = new TempFolder("bdash-meter-");
        var inc = Directory.CreateDirectory(Path.Combine(folder.Path, "inc1", "shop")).Parent!.FullName;
        File.WriteAllBytes(Path.Combine(inc, "ibdata1.delta"), new byte[600]);
        File.WriteAllBytes(Path.Combine(inc, "shop", "orders.ibd.delta"), new byte[400]);
        File.WriteAllBytes(Path.Combine(inc, "ib_logfile0"), new byte[9000]);

        var meter = StepMeter.Start(new StepWork(inc, null));
        Assert.Equal(1000, meter.Total);
        File.Delete(Path.Combine(inc, "ibdata1.delta"));
        Assert.Equal(600, meter.Read().Done);

        // The tool removes the spent copy: everything is applied.
        Directory.Delete(inc, recursive: true);
        Assert.Equal(1000, meter.Read().Done);
    }

    [Theory]
    [InlineData("[01] 2026-12-03 07:40:01 Copying ./shop/orders.ibd to /var/lib/mysql/shop/orders.ibd", "./shop/orders.ibd")]
    [InlineData("[01] 2026-12-03 07:40:01 Moving ./ibdata1 to /var/lib/mysql/ibdata1", "./ibdata1")]
    [InlineData("Applying /r/work/inc1/shop/orders.ibd.delta to ./shop/orders.ibd...", "/r/work/inc1/shop/orders.ibd.delta")]
    [InlineData("2026-12-03T07:40:01.123456-00:00 1 [Note] [MY-011825] [Xtrabackup] Copying ./undo_001 to /var/lib/mysql/undo_001", "./undo_001")]
    [InlineData("[01] 2026-12-03 07:40:01         ...done", null)]
    [InlineData("[00] 2026-12-03 07:40:01 completed OK!", null)]
    public void The_file_is_read_from_the_tools_own_words(string line, string? file) =>
        Assert.Equal(file, StepMeter.FileNamedIn(line));

    [Fact]
    public async Task A_running_step_is_reported_each_second_with_its_bytes_file_time_left_and_last_line()
    {
        using var folder = new TempFolder("bdash-watch-");
        var from = Directory.CreateDirectory(Path.Combine(folder.Path, "prepared")).FullName;
        var to = Path.Combine(folder.Path, "datadir");
        File.WriteAllBytes(Path.Combine(from, "ibdata1"), new byte[4000]);
        File.WriteAllBytes(Path.Combine(from, "orders.ibd"), new byte[4000]);
        var log = Path.Combine(folder.Path, "03-copy-back.log");
        var step = new RestoreStep(RestoreStepKind.CopyBack, ["mariabackup", "--copy-back"], "why") { Work = new StepWork(from, to) };
        var reports = new ConcurrentQueue<RestoreProgress>();
        var begun = new RestoreProgress(3, 5, RestoreStepKind.CopyBack, "why") { LogFile = log };

        await using (StepWatch.Start(step, begun, new Recorder(reports), TimeProvider.System))
        {
            // Half of it has arrived, and the tool names the file it copies.
            Directory.CreateDirectory(to);
            File.WriteAllBytes(Path.Combine(to, "ibdata1"), new byte[4000]);
            await File.WriteAllTextAsync(log, "[01] Copying ./orders.ibd to " + to + "/orders.ibd\n");
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!reports.Any(r => r.TimeLeft is not null) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }

        var seen = reports.Last(r => r.TimeLeft is not null);
        Assert.Equal((3, 4000L, 8000L, "./orders.ibd"), (seen.Step, seen.BytesDone!.Value, seen.BytesTotal!.Value, seen.CurrentFile));
        Assert.Equal("[01] Copying ./orders.ibd to " + to + "/orders.ibd", seen.LastLine);
        Assert.InRange(seen.TimeLeft!.Value, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));

        // Stopped with the step: nothing more is reported.
        var count = reports.Count;
        await Task.Delay(1500);
        Assert.Equal(count, reports.Count);
    }

    [Fact]
    public void Without_a_listener_nothing_is_watched() =>
        Assert.Null(StepWatch.Start(new RestoreStep(RestoreStepKind.Chown, ["chown"], "why"), new RestoreProgress(1, 1, RestoreStepKind.Chown, "why"), null, TimeProvider.System));

    /// <summary>Synchronous, unlike Progress&lt;T&gt;, so that what was reported is there when the watch stops.</summary>
    private sealed class Recorder(ConcurrentQueue<RestoreProgress> reports) : IProgress<RestoreProgress>
    {
        public void Report(RestoreProgress value) => reports.Enqueue(value);
    }
}
