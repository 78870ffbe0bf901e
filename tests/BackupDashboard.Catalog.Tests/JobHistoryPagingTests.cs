using BackupDashboard.Catalog;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Catalog.Tests;

/// <summary>
/// The History page's query against a real SQLite catalog: filters, sorts and pages are the
/// catalog's (SQL ORDER BY, LIMIT, OFFSET and a count), and paging through a sort shows every
/// run exactly once. The History page's charts read the newest backups the same way.
/// </summary>
public sealed class JobHistoryPagingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _data = new("bdash-history-");
    private readonly Clock _clock = new();
    private ServiceProvider _services = default!;
    private IJobHistory _history = default!;

    // 30 runs, one an hour from 2026-03-01 00:00: servers a, b, c in turn, kinds in turn, run i
    // takes i % 7 minutes; every 10th is still running and the one after it still queued.
    private readonly List<JobRun> _runs = [];

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddBackupCatalog(new DataFolder(_data.Path), new BackupDashboardOptions { DataDir = _data.Path });
        _services = services.BuildServiceProvider();
        await CatalogStore.MigrateAsync(_services.GetRequiredService<IDbContextFactory<CatalogDbContext>>(), _data.Combine("catalog.db"), CancellationToken.None);
        _history = _services.GetRequiredService<IJobHistory>();
        var kinds = Enum.GetValues<JobKind>();
        for (var i = 0; i < 30; i++)
        {
            _clock.Now = Start.AddHours(i);
            var run = await _history.QueueAsync(kinds[i % kinds.Length], "abc"[i % 3].ToString(), JobTrigger.Schedule, null, CancellationToken.None);
            if (i % 10 != 1)
            {
                await _history.StartAsync(run.Id, CancellationToken.None);
            }

            if (i % 10 is not (0 or 1))
            {
                _clock.Now = _clock.Now.AddMinutes(i % 7);
                await _history.FinishAsync(run.Id, new JobEnding(i % 4 == 0 ? JobState.Failed : JobState.Succeeded, "done"), CancellationToken.None);
            }

            _runs.Add((await _history.FindAsync(run.Id, CancellationToken.None))!);
        }
    }

    [Fact]
    public async Task A_run_bdash_starts_at_once_is_running_from_its_one_insert_and_a_cancel_marks_it_rather_than_ending_it()
    {
        _clock.Now = Start.AddDays(5);

        var run = await _history.StartNewAsync(JobKind.Restore, "a", JobTrigger.Cli, "f1", CancellationToken.None);
        var cancel = await _history.RequestCancelAsync(run.Id, CancellationToken.None);

        Assert.Equal(JobState.Running, run.State);
        Assert.Equal(_clock.Now, run.StartedAt);
        Assert.Equal(_clock.Now, run.QueuedAt);
        Assert.False(await _history.StartAsync(run.Id, CancellationToken.None), "a running run is not started twice");
        Assert.Equal(JobState.Running, cancel!.State);
        Assert.True(cancel.CancelRequested);
        Assert.True(await _history.IsCancelRequestedAsync(run.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_page_is_its_offset_and_limit_of_the_newest_first_and_says_how_many_match_in_all()
    {
        var page = await _history.PageAsync(new JobQuery(Limit: 10) { Offset = 10 }, CancellationToken.None);

        Assert.Equal(30, page.Total);
        Assert.Equal(_runs.OrderByDescending(r => r.QueuedAt).Skip(10).Take(10).Select(r => r.Id), page.Runs.Select(r => r.Id));
    }

    [Fact]
    public async Task Server_kind_state_and_queued_days_filter_together_and_the_total_counts_only_what_matches()
    {
        var query = new JobQuery("a", JobKind.Backup, JobState.Succeeded, Limit: 100) { From = Start.AddHours(3), To = Start.AddHours(28) };

        var page = await _history.PageAsync(query, CancellationToken.None);

        var expected = _runs.Where(r => r is { Server: "a", Kind: JobKind.Backup, State: JobState.Succeeded } && r.QueuedAt >= Start.AddHours(3) && r.QueuedAt < Start.AddHours(28))
            .OrderByDescending(r => r.QueuedAt).Select(r => r.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, page.Runs.Select(r => r.Id));
        Assert.Equal(expected.Count, page.Total);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Paging_through_durations_shows_every_run_once_in_order_with_unfinished_runs_last(bool longestFirst)
    {
        var seen = new List<JobRun>();
        for (var offset = 0; offset < 30; offset += 7)
        {
            var page = await _history.PageAsync(new JobQuery(Limit: 7) { Offset = offset, Sort = new JobSort(JobSortColumn.Duration, longestFirst) }, CancellationToken.None);
            Assert.Equal(30, page.Total);
            seen.AddRange(page.Runs);
        }

        Assert.Equal(_runs.Select(r => r.Id).Order(), seen.Select(r => r.Id).Order());
        var timed = seen.TakeWhile(r => r.Duration is not null).Select(r => r.Duration!.Value).ToList();
        Assert.Equal(24, timed.Count);
        Assert.Equal(longestFirst ? timed.OrderDescending() : timed.Order(), timed);
        Assert.All(seen.Skip(24), r => Assert.Null(r.Duration));
    }

    [Fact]
    public async Task Sorting_by_server_puts_equal_servers_newest_first()
    {
        var page = await _history.PageAsync(new JobQuery(Limit: 30) { Sort = new JobSort(JobSortColumn.Server, Descending: false) }, CancellationToken.None);

        Assert.Equal(_runs.OrderBy(r => r.Server, StringComparer.Ordinal).ThenByDescending(r => r.Id).Select(r => r.Id), page.Runs.Select(r => r.Id));
    }

    [Fact]
    public async Task The_oldest_first_sort_and_an_offset_past_the_end()
    {
        var oldest = await _history.PageAsync(new JobQuery(Limit: 3) { Sort = new JobSort(JobSortColumn.Queued, Descending: false) }, CancellationToken.None);
        var past = await _history.PageAsync(new JobQuery(Limit: 3) { Offset = 30 }, CancellationToken.None);

        Assert.Equal(_runs.Take(3).Select(r => r.Id), oldest.Runs.Select(r => r.Id));
        Assert.Equal((0, 30), (past.Runs.Count, past.Total));
    }

    [Fact]
    public async Task The_charts_read_the_newest_succeeded_backups_oldest_of_them_first_and_count_them_all()
    {
        var catalog = _services.GetRequiredService<Engine.Backups.IBackupCatalog>();
        for (var i = 0; i < 8; i++)
        {
            var started = Start.AddDays(i);
            await catalog.SaveAsync(new Engine.Backups.BackupRecord
            {
                Id = $"b{i}", Server = i == 7 ? "other" : "a", Kind = Engine.Tools.BackupKind.Full, ToolName = "mariabackup", StartedAt = started,
                EndedAt = i == 6 ? null : started.AddMinutes(i), Bytes = i,
                Status = i == 2 ? Engine.Backups.BackupStatus.Failed : i == 6 ? Engine.Backups.BackupStatus.Running : Engine.Backups.BackupStatus.Succeeded,
                Directory = _data.Combine($"b{i}"),
            }, CancellationToken.None);
        }

        var (newest, succeeded) = await catalog.NewestSucceededAsync("a", 3, CancellationToken.None);

        Assert.Equal(["b3", "b4", "b5"], newest.Select(b => b.Id));
        Assert.Equal(5, succeeded);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Each run is queued, started and ended at the time the test sets.</summary>
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = Start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
