using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

public sealed class ProgressTrackerTests
{
    private static readonly Dictionary<string, long> Sizes = new(StringComparer.Ordinal)
    {
        ["./ibdata1"] = 600,
        ["./sbtest/sbtest1.ibd"] = 300,
        ["./sbtest/sbtest2.ibd"] = 100,
    };

    [Fact]
    public void Interleaved_threads_pair_each_done_with_their_own_last_copy()
    {
        var clock = new ManualClock();
        var tracker = new BackupProgressTracker(Sizes, clock);

        Feed(tracker, "[01] 2026-11-21 10:14:39 Copying ./ibdata1 to /backups/full/ibdata1");
        Feed(tracker, "[02] 2026-11-21 10:14:39 Copying ./sbtest/sbtest2.ibd to /backups/full/sbtest/sbtest2.ibd");
        Assert.Equal("sbtest/sbtest2.ibd", tracker.Current.CurrentFile);

        clock.Advance(TimeSpan.FromSeconds(2));
        Feed(tracker, "[02] 2026-11-21 10:14:41         ...done");
        Assert.Equal(100, tracker.Current.BytesDone);
        Assert.Equal(10, tracker.Current.Percent, precision: 6);
        Assert.Equal("ibdata1", tracker.Current.CurrentFile);
        Assert.Equal(TimeSpan.FromSeconds(18), tracker.Current.Eta); // 2 s for 100 of 1000 bytes

        Feed(tracker, "[02] 2026-11-21 10:14:41 Copying ./sbtest/sbtest1.ibd to /backups/full/sbtest/sbtest1.ibd");
        Feed(tracker, "[01] 2026-11-21 10:14:42         ...done");
        Assert.Equal(700, tracker.Current.BytesDone);
        Assert.Equal("sbtest/sbtest1.ibd", tracker.Current.CurrentFile);

        Feed(tracker, "[02] 2026-11-21 10:14:43         ...done");
        Assert.Equal((100.0, 1000L, (string?)null), (tracker.Current.Percent, tracker.Current.BytesDone, tracker.Current.CurrentFile));
    }

    [Fact]
    public void Incremental_deltas_weigh_their_source_file()
    {
        var tracker = new BackupProgressTracker(Sizes, new ManualClock());

        Feed(tracker, "[00] 2026-11-21 10:20:01 Copying ./sbtest/sbtest1.ibd to /backups/inc1/sbtest/sbtest1.ibd.delta");
        Feed(tracker, "[00] 2026-11-21 10:20:02         ...done");

        Assert.Equal(300, tracker.Current.BytesDone);
    }

    [Fact]
    public void XtraBackup_8_0_structured_lines_name_the_file_that_is_done()
    {
        var tracker = new BackupProgressTracker(Sizes, new ManualClock());

        Feed(tracker, "2024-02-02T00:47:19.666924+08:00 2 [Note] [MY-011825] [Xtrabackup] Copying ./ibdata1 to /root/backup/ibdata1");
        Feed(tracker, "2024-02-02T00:47:19.676924+08:00 3 [Note] [MY-011825] [Xtrabackup] Copying ./sbtest/sbtest1.ibd to /root/backup/sbtest/sbtest1.ibd");
        Feed(tracker, "2024-02-02T00:47:19.788329+08:00 2 [Note] [MY-011825] [Xtrabackup] Done: Copying ./ibdata1 to /root/backup/ibdata1");

        Assert.Equal((600L, "sbtest/sbtest1.ibd"), (tracker.Current.BytesDone, tracker.Current.CurrentFile));
    }

    [Fact]
    public void XtraBackup_2_4_lines_put_the_thread_after_the_time()
    {
        var tracker = new BackupProgressTracker(Sizes, new ManualClock());

        Feed(tracker, "220322 19:05:13 [01] Copying ./sbtest/sbtest2.ibd to /data/backups/sbtest/sbtest2.ibd");
        Feed(tracker, "220322 19:05:13 [01]        ...done");

        Assert.Equal(100, tracker.Current.BytesDone);
    }

    [Fact]
    public void A_file_that_is_not_in_the_size_map_weighs_nothing()
    {
        var tracker = new BackupProgressTracker(Sizes, new ManualClock());

        Feed(tracker, "[00] 2026-11-21 10:14:44 Copying ./mysql/db.MAI to /backups/full/mysql/db.MAI");
        Assert.Equal("mysql/db.MAI", tracker.Current.CurrentFile);
        Feed(tracker, "[00] 2026-11-21 10:14:44         ...done");

        Assert.Equal((0L, 0.0), (tracker.Current.BytesDone, tracker.Current.Percent));
        Assert.Null(tracker.Current.Eta);
    }

    [Fact]
    public void Log_scanning_and_phases_are_reported()
    {
        var tracker = new BackupProgressTracker(Sizes, new ManualClock());

        Assert.True(tracker.OnStderrLine("[00] 2026-11-21 10:14:39 >> log scanned up to (3081434255)"));
        Assert.Equal(3081434255UL, tracker.Current.LogScannedUpTo);
        Assert.True(tracker.OnStderrLine("[00] 2026-11-21 10:14:44 Started BACKUP STAGE BLOCK_COMMIT"));
        Assert.Equal("BACKUP STAGE BLOCK_COMMIT", tracker.Current.Phase);
        Assert.True(tracker.OnStderrLine("[00] 2026-11-21 10:14:45 Redo log (from LSN 995697518 to 1060217790) was copied."));
        Assert.Equal(("Redo log copied", 1060217790UL), (tracker.Current.Phase, tracker.Current.LogScannedUpTo));
        Assert.False(tracker.OnStderrLine("InnoDB: Using Linux native AIO"));
        Assert.True(tracker.OnStderrLine("[00] 2026-11-21 10:14:45 completed OK!"));
        Assert.Equal((100.0, 1000L, TimeSpan.Zero), (tracker.Current.Percent, tracker.Current.BytesDone, tracker.Current.Eta));
    }

    [Fact]
    public void A_file_reported_twice_counts_once()
    {
        var tracker = new BackupProgressTracker(Sizes, new ManualClock());

        foreach (var _ in Enumerable.Range(0, 2))
        {
            Feed(tracker, "[00] 2026-11-21 10:14:39 Copying ./ibdata1 to /backups/full/ibdata1");
            Feed(tracker, "[00] 2026-11-21 10:14:40         ...done");
        }

        Assert.Equal(600, tracker.Current.BytesDone);
    }

    [Fact]
    public void MariaBackup_reports_Aria_tables_log_tables_and_absolute_paths_in_its_own_words()
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["./aria_log_control"] = 52,
            ["./aria_log.00000001"] = 8192,
            ["./mysql/db.MAI"] = 16384,
            ["./mysql/general_log.CSM"] = 35,
        };
        var tracker = new BackupProgressTracker(sizes, new ManualClock());

        Feed(tracker, "[00] 2026-11-21 11:24:29 Copying /var/lib/mysql//aria_log_control to /backups/full/aria_log_control");
        Assert.Equal("aria_log_control", tracker.Current.CurrentFile);
        Feed(tracker, "[00] 2026-11-21 11:24:29         ...done");
        Feed(tracker, "[01] 2026-11-21 11:24:29 aria table file ./mysql/db.MAI is copied successfully.");
        Feed(tracker, "[01] 2026-11-21 11:24:30 Copied file ./mysql/general_log.CSM for log table `mysql`.`general_log`, 35 bytes");
        Feed(tracker, "[00] 2026-11-21 11:24:30 Stop copying aria log file tail: /var/lib/mysql//aria_log.00000001, copied 8192 bytes");

        Assert.Equal((100.0, 24663L), (tracker.Current.Percent, tracker.Current.BytesDone));
    }

    [Fact]
    public void The_redo_log_and_the_temporary_tablespace_are_not_weighed()
    {
        var sizes = new Dictionary<string, long>(Sizes, StringComparer.Ordinal)
        {
            ["./ib_logfile0"] = 100_663_296,
            ["./ibtmp1"] = 12_582_912,
            ["./#innodb_redo/#ib_redo9"] = 3_276_800,
            ["./db1.pid"] = 6,
        };

        var tracker = new BackupProgressTracker(sizes, new ManualClock());

        Assert.Equal(1000, tracker.Current.BytesTotal);
    }

    private static void Feed(BackupProgressTracker tracker, string line) => Assert.True(tracker.OnStderrLine(line), $"no change from: {line}");
}
