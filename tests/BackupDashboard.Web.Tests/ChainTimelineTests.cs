using BackupDashboard.Web.Components;
using BackupDashboard.Web.Services;
using Bunit;
using static BackupDashboard.Web.Tests.FakeBackupQueries;

namespace BackupDashboard.Web.Tests;

public class ChainTimelineTests : ComponentTest
{
    [Fact]
    public void Each_backup_is_a_bar_over_its_lsn_range_with_the_lsns_in_words()
    {
        var timeline = Render<ChainTimeline>(p => p.Add(t => t.Chain, BackupsPageTests.GoodChain));

        var rows = timeline.FindAll(".timeline-row");
        Assert.Equal(["20250301T020000Z-full", "20250302T020000Z-inc", "20250303T020000Z-inc"], rows.Select(r => r.GetAttribute("data-backup-id")));
        // The chain spans 0 to 2,004,551: the full covers 0 to 1,626,007, about 81 %.
        Assert.Contains("left: 0%; width: 81.12%", rows[0].QuerySelector(".timeline-full")!.GetAttribute("style"), StringComparison.Ordinal);
        Assert.NotNull(rows[1].QuerySelector(".timeline-incremental"));
        Assert.StartsWith("1626007 → 1790112 (last 1790120) · ", rows[1].QuerySelector(".timeline-lsn")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(timeline.FindAll(".timeline-problem"));
        Assert.Empty(timeline.FindAll(".timeline-branch"));
    }

    [Fact]
    public void Two_incrementals_on_one_parent_are_drawn_as_branches_under_it()
    {
        var chain = new ChainSummary(true, [],
        [
            Backup("f", "full", null, 0, 100, 101),
            Backup("a", "incremental", "f", 100, 200, 200),
            Backup("b", "incremental", "f", 100, 150, 150),
            Backup("a2", "incremental", "a", 200, 300, 300),
        ]);

        var rows = Render<ChainTimeline>(p => p.Add(t => t.Chain, chain)).FindAll(".timeline-row");

        Assert.Equal(["f", "a", "a2", "b"], rows.Select(r => r.GetAttribute("data-backup-id")));
        Assert.Equal("branch of f", rows[1].QuerySelector(".timeline-branch")?.TextContent);
        Assert.Equal("branch of f", rows[3].QuerySelector(".timeline-branch")?.TextContent);
        Assert.Null(rows[2].QuerySelector(".timeline-branch"));
        Assert.Contains("padding-left: 2.5rem", rows[2].GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_gap_is_written_out_and_a_failed_run_keeps_its_place_without_a_bar()
    {
        var chain = new ChainSummary(false, ["gap"],
        [
            Backup("f", "full", null, 0, 100, 100),
            Backup("x", "incremental", "f", null, null, null, "failed", "The tool exited with code 1\nAccess denied"),
            Backup("g", "incremental", "f", 120, 200, 200),
        ]);

        var timeline = Render<ChainTimeline>(p => p.Add(t => t.Chain, chain));
        var failed = timeline.Find(".timeline-row[data-backup-id=x]");
        var gapped = timeline.Find(".timeline-row[data-backup-id=g]");

        Assert.Null(failed.QuerySelector(".timeline-bar"));
        Assert.Contains("failed run, not a link: The tool exited with code 1", failed.QuerySelector(".timeline-failed")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("timeline-row-problem", gapped.ClassList);
        Assert.Equal("gap: starts at from_lsn 120, after f ends at to_lsn 100; pages changed in between are missing", gapped.QuerySelector(".timeline-problem")!.TextContent);
        // The failed run is no parent: the good incremental after it is not a branch.
        Assert.Null(gapped.QuerySelector(".timeline-branch"));
    }
}
