using BackupDashboard.Engine.RestoreRuns;
using BackupDashboard.Web.Components;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>A running restore as the wizard's last step shows it: the step's bytes, file and time left, and its output live.</summary>
public sealed class RestoreRunPanelTests : ComponentTest
{
    private static readonly RestoreRunRecord Queued = new("20261203T074000Z-0a1b2c3d", "20261203T070000Z-inc", "shop", "/srv/restored",
        RestoreRunState.Queued, "1:1", DateTimeOffset.UnixEpoch) { Steps = 6 };

    [Fact]
    public void A_copy_back_shows_its_percent_bytes_file_and_time_left_and_its_output_on_demand_live()
    {
        var runs = new FakeRuns(Queued with
        {
            State = RestoreRunState.Running, Step = 5, StepKind = "copy-back", StepLog = "/x/05-copyback.log",
            StepBytesDone = 3L << 30, StepBytesTotal = 4L << 30, StepFile = "./shop/orders.ibd", StepSecondsLeft = 40,
            StepSaid = "[01] Copying ./shop/orders.ibd to /srv/restored/shop/orders.ibd",
        })
        { Log = "[01] Copying ./ibdata1 to /srv/restored/ibdata1\n" };
        var panel = Render(runs);

        Assert.Equal("Step 5 of 6: copy-back", panel.Find("#run-step").TextContent.Trim());
        var progress = panel.Find("#restore-progress");
        Assert.Equal("75 %", progress.QuerySelector(".progress-percent")!.TextContent.Trim());
        Assert.Equal("3.0 GiB of 4.0 GiB", progress.QuerySelector(".progress-bytes")!.TextContent.Trim());
        Assert.Equal("copying ./shop/orders.ibd", progress.QuerySelector(".progress-file")!.TextContent.Trim());
        Assert.Contains("00:00:40", progress.QuerySelector(".progress-eta")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("#live-output"));

        panel.Find("#show-live-output").Click();
        panel.WaitForAssertion(() => Assert.Contains("Copying ./ibdata1", panel.Find("#live-output").TextContent, StringComparison.Ordinal));

        // Read again each second while shown.
        runs.Log += "[01] Copying ./shop/orders.ibd to /srv/restored/shop/orders.ibd\n";
        panel.WaitForAssertion(() => Assert.Contains("Copying ./shop/orders.ibd", panel.Find("#live-output").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal([5], runs.LogsAsked.Distinct());
    }

    [Fact]
    public void A_step_that_cannot_be_counted_moves_without_a_percent_and_shows_what_it_last_said()
    {
        var panel = Render(new FakeRuns(Queued with
        {
            State = RestoreRunState.Running, Step = 2, StepKind = "prepare", StepSaid = "InnoDB: Starting final batch to recover 1210 pages from redo log.",
        }));

        var progress = panel.Find("#restore-progress");
        Assert.Empty(progress.QuerySelectorAll(".progress-percent"));
        Assert.Contains("final batch to recover 1210 pages", progress.QuerySelector(".progress-phase")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-progress-indeterminate", progress.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void The_panel_follows_the_record_until_the_run_ends()
    {
        var runs = new FakeRuns(Queued with { State = RestoreRunState.Running, Step = 1, StepKind = "copy", StepBytesDone = 0, StepBytesTotal = 100 });
        var panel = Render(runs);
        Assert.Equal("0 %", panel.Find(".progress-percent").TextContent.Trim());

        runs.Record = runs.Record with { State = RestoreRunState.Failed, Problem = "Step 1 of 6 (Copy) failed with exit code 1: No space left on device" };

        panel.WaitForAssertion(() => Assert.Contains("No space left", panel.Find("#run-problem").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Empty(panel.FindAll("#restore-progress"));
    }

    private IRenderedComponent<RestoreRunPanel> Render(FakeRuns runs)
    {
        Services.AddSingleton<IRestoreRuns>(runs);
        return Render<RestoreRunPanel>(p => p.Add(c => c.RunId, runs.Record.Id));
    }

    private sealed class FakeRuns(RestoreRunRecord record) : IRestoreRuns
    {
        public RestoreRunRecord Record { get; set; } = record;

        public string Log { get; set; } = "";

        public List<int> LogsAsked { get; } = [];

        public RestoreRunRecord? Run(string id) => id == Record.Id ? Record : null;

        public bool Cancel(string id) => false;

        public Task<string> StepLogAsync(string runId, int stepNumber, CancellationToken cancellationToken)
        {
            lock (LogsAsked)
            {
                LogsAsked.Add(stepNumber);
            }

            return Task.FromResult(Log);
        }
    }
}
