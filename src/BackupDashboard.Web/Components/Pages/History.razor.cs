using System.Globalization;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackupDashboard.Web.Components.Pages;

/// <summary>
/// Every run, a page at a time: the catalog filters, sorts, counts and cuts (docs/job-history.md,
/// "The History page"), so the page costs the same with fifty runs or fifty thousand. The filters
/// live in the address (?server=&amp;kind=&amp;state=&amp;from=&amp;to=), so a filtered history can be
/// bookmarked and sent to a colleague. Below the table, a server's backup sizes and durations over time.
/// </summary>
public sealed partial class History : IDisposable
{
    /// <summary>How often the shown page is read again while it holds a queued or running run.</summary>
    private static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _gone = new();
    private bool _showsUnfinished;
    private const string DayFormat = "yyyy-MM-dd";

    /// <summary>
    /// No hover tooltips: with hundreds of points a point is a pixel wide, too narrow to point at,
    /// and each tooltip target is an element more in the page (a thousand for two charts). No
    /// legend: each chart has one line, and its title says what it is.
    /// </summary>
    private readonly LineChartOptions _chartOptions = new() { ShowToolTips = false, ShowLegend = false };

    private MudTable<RunRow>? _table;
    private string? _cancelOutcome;
    private IReadOnlyList<string>? _servers;
    private RunFilter _filter = new();
    private string? _problem;
    private string? _chartServer;
    private BackupTrend? _trend;
    private List<ChartSeries<double>> _sizeSeries = [];
    private List<ChartSeries<double>> _durationSeries = [];
    private string[] _labels = [];
    private string _sizeUnit = "GiB";
    private string _durationUnit = "minutes";

    [Inject]
    private IRunHistory Runs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "server")]
    public string? Server { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "state")]
    public string? State { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _servers = await Runs.ListServersAsync(CancellationToken.None);
        if (_servers.Count > 0)
        {
            await ShowTrendAsync(_servers[0]);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var (filter, problem) = Parse();
        _problem = problem;
        if (filter == _filter)
        {
            return;
        }

        _filter = filter;
        // The table loads its first page itself once it is on screen; a later change of filter starts again at page one.
        if (_table is not null)
        {
            _table.NavigateTo(0);
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<RunRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var column = state.SortLabel switch
        {
            "duration" => JobSortColumn.Duration,
            "server" => JobSortColumn.Server,
            "kind" => JobSortColumn.Kind,
            "state" => JobSortColumn.State,
            _ => JobSortColumn.Queued,
        };
        // No sort chosen (the label clicked a third time) is the history's own order: newest first.
        var sort = state.SortDirection == SortDirection.None ? JobSort.Newest : new JobSort(column, state.SortDirection == SortDirection.Descending);
        var page = await Runs.PageAsync(_filter, state.Page * state.PageSize, state.PageSize, sort, cancellationToken);
        _showsUnfinished = page.Rows.Any(r => !r.Finished);
        return new TableData<RunRow> { Items = page.Rows, TotalItems = page.Total };
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = FollowAsync();
        }
    }

    /// <summary>While the shown page holds a queued or running run, it is read again, so its state and progress move live.</summary>
    private async Task FollowAsync()
    {
        using var timer = new PeriodicTimer(FollowEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_gone.Token))
            {
                if (_showsUnfinished && _table is not null)
                {
                    await InvokeAsync(_table.ReloadServerData);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }

    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
    }

    private static string RowClass(RunRow run, int index) => $"job-run job-{run.State}{(run.Finished ? "" : " job-unfinished")}";

    /// <summary>Through the address, so the choice can be bookmarked and OnParametersSetAsync applies it.</summary>
    private void FilterBy(string name, string? value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(name, string.IsNullOrEmpty(value) ? null : value), replace: true);

    private void ClearFilters() =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["server"] = null, ["kind"] = null, ["state"] = null, ["from"] = null, ["to"] = null,
        }), replace: true);

    /// <summary>A filter the address gets wrong is left out and said, rather than showing an empty history that looks true.</summary>
    private (RunFilter Filter, string? Problem) Parse()
    {
        var problems = new List<string>();
        var kind = Kind is null ? null : JobWords.Parse<JobKind>(Kind);
        if (Kind is not null && kind is null)
        {
            problems.Add($"kind '{Kind}' is not a kind of run");
        }

        var state = State is null ? null : JobWords.Parse<JobState>(State);
        if (State is not null && state is null)
        {
            problems.Add($"state '{State}' is not a state");
        }

        var from = Date(From, "from", problems);
        var to = Date(To, "to", problems);
        var filter = new RunFilter(string.IsNullOrEmpty(Server) ? null : Server, kind, state, from, to);
        return (filter, problems.Count == 0 ? null : $"Left out: {string.Join("; ", problems)}.");
    }

    private static DateOnly? Date(string? text, string name, List<string> problems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        problems.Add($"{name} '{text}' is not a day like 2026-12-03");
        return null;
    }

    private static DateTime? Day(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    private static string? DayText(DateTime? day) => day?.ToString(DayFormat, CultureInfo.InvariantCulture);

    private Task ChartServerAsync(string server) => ShowTrendAsync(server);

    private async Task ShowTrendAsync(string server)
    {
        _chartServer = server;
        var trend = await Runs.BackupTrendAsync(server, CancellationToken.None);
        // The operator may have picked another server while this was loading.
        if (!string.Equals(server, _chartServer, StringComparison.Ordinal))
        {
            return;
        }

        var points = trend.Points;
        var gib = points.Count > 0 && points.Max(p => p.Bytes) >= 1L << 30;
        var minutes = points.Count > 0 && points.Max(p => p.Duration) >= TimeSpan.FromMinutes(2);
        _sizeUnit = gib ? "GiB" : "MiB";
        _durationUnit = minutes ? "minutes" : "seconds";
        _sizeSeries = [new ChartSeries<double> { Name = $"Size ({_sizeUnit})", Data = new(points.Select(p => Math.Round(p.Bytes / (gib ? 1024.0 * 1024 * 1024 : 1024.0 * 1024), 2)).ToList()) }];
        _durationSeries = [new ChartSeries<double> { Name = $"Duration ({_durationUnit})", Data = new(points.Select(p => Math.Round(minutes ? p.Duration.TotalMinutes : p.Duration.TotalSeconds, 1)).ToList()) }];
        // About eight dates under the axis: one per point would print 500 labels on top of each other.
        var step = Math.Max(1, (int)Math.Ceiling(points.Count / 8.0));
        _labels = points.Select((p, i) => i % step == 0 ? p.StartedAt.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture) : "").ToArray();
        _trend = trend;
    }

    /// <summary>Asks the run to stop (the service checks the role), then shows its row again.</summary>
    private async Task CancelAsync(long id)
    {
        _cancelOutcome = await Runs.CancelAsync(id);
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }
}
