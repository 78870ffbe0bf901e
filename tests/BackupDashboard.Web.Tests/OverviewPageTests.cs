using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Web.Tests;

public class OverviewPageTests : ComponentTest
{
    private static readonly ServerGlanceView Late = new("shop", true, "20261203T090000Z-inc (2026-12-03 09:00), ", "3 h old", true,
        "Overdue: no restore point since the scheduled backup at 2026-12-03 12:00.", "20261202T020000Z-full (…)", "20261203T090000Z-inc (…)",
        "backup at 2026-12-03 11:00: Access denied", "1.0 GiB, +50 MiB in the last 7 days", "passed at 2026-12-03 10:00; restored in 42 s", false);

    private static readonly ServerGlanceView Fresh = new("empty", false, null, null, false, "No schedule: backups run only when started.",
        null, null, null, "0 B, +0 B in the last 7 days", null, false);

    [Fact]
    public void An_overdue_server_says_so_in_words_and_shows_its_facts_and_the_live_lsn()
    {
        var board = new FakeBoard([Late]);
        var page = Render(board);

        var card = page.Find(".server-glance[data-server=shop]");
        Assert.Contains("glance-overdue", card.ClassList);
        Assert.Equal("overdue", card.QuerySelector(".glance-verdict")!.TextContent.Trim());
        Assert.Contains("Overdue: no restore point since", card.QuerySelector(".glance-schedule")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Access denied", card.QuerySelector(".glance-failure")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("restored in 42 s", card.QuerySelector(".glance-rehearsal")!.TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal("1234567", page.Find(".glance-lsn").TextContent.Trim()));
        Assert.Equal([("shop", false)], board.Asked);
    }

    [Fact]
    public void Counting_what_an_incremental_would_copy_reads_the_datadir_only_when_asked()
    {
        var board = new FakeBoard([Late]);
        var page = Render(board);
        page.WaitForAssertion(() => Assert.Single(board.Asked));

        page.Find(".glance-predict").Click();

        page.WaitForAssertion(() => Assert.Contains("12 pages", page.Find(".glance-next").TextContent, StringComparison.Ordinal));
        Assert.Equal([("shop", false), ("shop", true)], board.Asked);
    }

    [Fact]
    public void A_server_without_backups_says_what_to_do_next()
    {
        var page = Render(new FakeBoard([Fresh]));

        Assert.Contains("take the first full backup", page.Find(".glance-empty").TextContent, StringComparison.Ordinal);
        Assert.Contains("would be a full", page.Find(".glance-next").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dashboard_without_servers_says_how_to_add_one()
    {
        var page = Render(new FakeBoard([]));

        Assert.Contains("No server is registered yet", page.Find("#server-count").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<Overview> Render(FakeBoard board)
    {
        SignInAs("vera", Engine.Access.Role.Viewer);
        Services.AddSingleton<IServerStatusBoard>(board);
        Services.AddSingleton<IServerOverview>(new NoHealth());
        return Render<Overview>();
    }

    [Fact]
    public void A_running_backup_shows_its_progress_on_the_servers_card()
    {
        var board = new FakeBoard([Late]) { Running = new RunProgressView(45, "1.2 GiB of 2.7 GiB", "./shop/orders.ibd", "00:00:40", null) };
        var page = Render(board);

        page.WaitForAssertion(() => Assert.Equal("45 %", page.Find(".server-glance[data-server=shop] .progress-percent").TextContent.Trim()));
        Assert.Contains("copying ./shop/orders.ibd", page.Find(".progress-file").TextContent, StringComparison.Ordinal);

        board.Running = null;
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".progress-percent")), TimeSpan.FromSeconds(5));

        // The card hides the bar first and then asks the page to read its facts again.
        page.WaitForAssertion(() => Assert.True(board.GlanceReads >= 2, "the card's facts are read again once the run ends"), TimeSpan.FromSeconds(5));
    }

    private sealed class FakeBoard(IReadOnlyList<ServerGlanceView> glances) : IServerStatusBoard
    {
        public List<(string Server, bool Predict)> Asked { get; } = [];

        public RunProgressView? Running { get; set; }

        private int _glanceReads;

        public int GlanceReads => Volatile.Read(ref _glanceReads);

        public RunProgressView? RunningBackup(string server) => Running;

        public Task<IReadOnlyList<ServerGlanceView>> GlancesAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _glanceReads);
            return Task.FromResult(glances);
        }

        public Task<LiveGlanceView> LiveAsync(string server, bool predict, CancellationToken cancellationToken)
        {
            Asked.Add((server, predict));
            return Task.FromResult(new LiveGlanceView("1234567", "1000 bytes of redo since the newest backup's to_lsn", predict ? "12 pages (192 KiB) changed since to_lsn 1233567" : null, null));
        }
    }

    private sealed class NoHealth : IServerOverview
    {
        public Task<IReadOnlyList<ServerSummary>> ListServersAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ServerSummary>>([]);

        public Task<Health.HealthReport> CheckHealthAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("not asked here");
    }
}
