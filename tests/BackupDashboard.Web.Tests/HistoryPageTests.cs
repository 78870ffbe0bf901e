using BackupDashboard.Engine.Jobs;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// The History page asks its service for one page at a time, with the filters of its address and
/// the sort of the column clicked; it never holds more than a page. Its empty states say what to do.
/// </summary>
public class HistoryPageTests : ComponentTest
{
    private static readonly string[] Columns = ["run-id", "run-kind", "run-server", "run-trigger", "run-state", "run-queued", "run-duration", "run-subject", "run-reason"];
    private static readonly string[] FailedColumns = ["run-id", "run-state", "run-duration", "run-reason"];

    [Fact]
    public void The_first_page_is_the_newest_25_and_each_row_says_what_ran_and_a_running_run_stands_out()
    {
        var runs = new FakeRunHistory(60);

        var page = RenderPage(runs);

        // Every ask is this one: the page is read again every 2 s while it shows a running run.
        Assert.All(runs.Asked, asked => Assert.Equal((new RunFilter(), 0, 25, JobSort.Newest), asked));
        var rows = page.FindAll("#history-table tbody tr.job-run");
        Assert.Equal(25, rows.Count);
        Assert.Equal(["60", "backup", "db1", "schedule", "running", "2026-03-03 12:00:00", "—", "20260303T120000Z-full", "—"], Columns.Select(c => Cell(rows[0], c)));
        Assert.Contains("job-unfinished", rows[0].ClassList);
        Assert.NotNull(rows[0].QuerySelector(".run-state .mud-chip"));
        Assert.Equal(["59", "failed", "00:01:30", "The tool exited with code 1"], FailedColumns.Select(c => Cell(rows[1], c)));
        Assert.DoesNotContain("job-unfinished", rows[1].ClassList);
    }

    [Fact]
    public void A_running_runs_progress_moves_live_on_its_row_with_a_link_to_follow_it()
    {
        var runs = new FakeRunHistory(3) { Live = "step 2 of 6 (prepare)" };
        var page = RenderPage(runs);
        var running = page.Find("#history-table tbody tr.job-unfinished");
        Assert.Equal("step 2 of 6 (prepare)", running.QuerySelector(".run-live")!.TextContent.Trim());
        Assert.Equal("/restore?run=20260301T030000Z-0a1b2c3d", running.QuerySelector("a.run-watch")!.GetAttribute("href"));

        runs.Live = "step 5 of 6 (copy-back): 75 %, 3.0 GiB of 4.0 GiB, about 00:00:40 left";

        page.WaitForAssertion(() => Assert.Equal(runs.Live, page.Find("#history-table tbody tr.job-unfinished .run-live").TextContent.Trim()), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public void A_page_of_finished_runs_is_not_read_again()
    {
        var runs = new FakeRunHistory(60);
        var page = RenderPage(runs, "http://localhost/history?state=failed");

        Thread.Sleep(2500);

        Assert.Single(runs.Asked);
        Assert.NotNull(page.Find("#no-runs"));
    }

    [Fact]
    public void The_next_page_asks_the_service_for_the_next_25()
    {
        var runs = new FakeRunHistory(60);
        var page = RenderPage(runs);

        page.Find("button[aria-label='Next page']").Click();

        Assert.Equal((0, 25), (runs.Asked[0].Skip, runs.Asked[0].Take));
        Assert.Equal((25, 25), (runs.Asked[^1].Skip, runs.Asked[^1].Take));
        Assert.Equal("35", Cell(page.FindAll("#history-table tbody tr.job-run")[0], "run-id"));
    }

    [Fact]
    public void Clicking_a_column_sorts_by_it_in_the_catalog()
    {
        var runs = new FakeRunHistory(60);
        var page = RenderPage(runs);

        page.FindAll("#history-table th .mud-table-sort-label").Single(l => l.TextContent.Contains("Took", StringComparison.Ordinal)).Click();

        Assert.Equal(new JobSort(JobSortColumn.Duration, Descending: false), runs.Asked[^1].Sort);
    }

    [Fact]
    public void The_filters_of_the_address_reach_the_service()
    {
        var runs = new FakeRunHistory(60);

        RenderPage(runs, "http://localhost/history?server=db2&kind=restore&state=failed&from=2026-03-01&to=2026-03-31");

        Assert.Equal(new RunFilter("db2", JobKind.Restore, JobState.Failed, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), runs.Asked[^1].Filter);
    }

    [Fact]
    public void A_filter_the_address_gets_wrong_is_left_out_and_said()
    {
        var runs = new FakeRunHistory(60);

        var page = RenderPage(runs, "http://localhost/history?kind=backups&from=03/01/2026&state=failed");

        Assert.Equal(new RunFilter(State: JobState.Failed), runs.Asked[^1].Filter);
        Assert.Equal("Left out: kind 'backups' is not a kind of run; from '03/01/2026' is not a day like 2026-12-03.", page.Find("#filter-problem").TextContent.Trim());
    }

    [Fact]
    public void With_no_runs_at_all_the_page_says_how_to_get_one()
    {
        var page = RenderPage(new FakeRunHistory(0));

        Assert.Contains("No runs yet: start a backup", page.Find("#no-runs").TextContent, StringComparison.Ordinal);
        Assert.Contains("no succeeded backup yet", page.Find("#no-trend").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#clear-filters"));
    }

    [Fact]
    public void When_filters_match_nothing_the_page_says_to_widen_them()
    {
        var page = RenderPage(new FakeRunHistory(60), "http://localhost/history?state=cancelled");

        Assert.Contains("No run matches these filters", page.Find("#no-runs").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("#clear-filters"));
    }

    [Fact]
    public void The_charts_say_how_many_of_the_servers_backups_they_draw()
    {
        var page = RenderPage(new FakeRunHistory(3, backups: 620));

        Assert.Equal("The newest 500 of 620 succeeded backups of db1, oldest on the left (fulls and incrementals together).", page.Find("#trend-caption").TextContent.Trim());
        Assert.Single(page.FindAll("#chart-size"));
        Assert.Single(page.FindAll("#chart-duration"));
    }

    [Fact]
    public void An_operator_stops_a_running_run_from_its_row_and_reads_what_happened()
    {
        var runs = new FakeRunHistory(3);
        var page = RenderPage(runs, role: Engine.Access.Role.Operator);

        var cancel = Assert.Single(page.FindAll(".run-cancel"));
        cancel.Click();

        page.WaitForAssertion(() => Assert.Equal("Run 3 is asked to stop.", page.Find("#cancel-outcome").TextContent.Trim()));
        Assert.Equal([3L], runs.Cancelled);
    }

    [Fact]
    public void A_viewer_is_offered_no_cancel()
    {
        var page = RenderPage(new FakeRunHistory(3));

        Assert.Contains("running", page.Find("tr.job-running, tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".run-cancel"));
    }

    private IRenderedComponent<History> RenderPage(FakeRunHistory runs, string address = "http://localhost/history", Engine.Access.Role role = Engine.Access.Role.Viewer)
    {
        SignInAs("vera", role);
        Services.AddSingleton<IRunHistory>(runs);
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<History>();
    }

    private static string Cell(AngleSharp.Dom.IElement row, string column) => row.QuerySelector($"td.{column}")!.TextContent.Trim();

    /// <summary>
    /// <paramref name="count"/> runs of db1, one an hour, newest (id <paramref name="count"/>) still
    /// running, the one before it failed; <paramref name="backups"/> succeeded backups for the charts.
    /// </summary>
    private sealed class FakeRunHistory(int count, int backups = 0) : IRunHistory
    {
        public List<(RunFilter Filter, int Skip, int Take, JobSort Sort)> Asked { get; } = [];

        public List<long> Cancelled { get; } = [];

        /// <summary>The running run's progress, as the service reads it at each ask.</summary>
        public string? Live { get; set; }

        public Task<string> CancelAsync(long id)
        {
            Cancelled.Add(id);
            return Task.FromResult($"Run {id} is asked to stop.");
        }

        public Task<IReadOnlyList<string>> ListServersAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>(["db1", "db2"]);

        public Task<RunPage> PageAsync(RunFilter filter, int skip, int take, JobSort sort, CancellationToken cancellationToken)
        {
            Asked.Add((filter, skip, take, sort));
            var all = filter.IsEmpty ? Enumerable.Range(1, count).Reverse().Select(Row).ToList() : [];
            return Task.FromResult(new RunPage(all.Skip(skip).Take(take).ToList(), all.Count));
        }

        public Task<BackupTrend> BackupTrendAsync(string server, CancellationToken cancellationToken)
        {
            var points = Enumerable.Range(0, Math.Min(backups, BackupTrend.MaxPoints))
                .Select(i => new BackupPoint(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i), 1L << 30, TimeSpan.FromMinutes(5))).ToList();
            return Task.FromResult(new BackupTrend(server, points, backups));
        }

        private RunRow Row(int id)
        {
            var queued = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).AddHours(id);
            var (state, finished) = id == count ? ("running", false) : id == count - 1 ? ("failed", true) : ("succeeded", true);
            return new RunRow(id, "backup", "db1", "schedule", state, finished, false, DisplayFormat.Time(queued), finished ? "00:01:30" : "—",
                $"{queued.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-full", state == "failed" ? "The tool exited with code 1" : finished ? "Done." : "—")
            {
                Live = finished ? null : Live,
                Watch = finished || Live is null ? null : $"/restore?run={queued.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-0a1b2c3d",
            };
        }
    }
}
