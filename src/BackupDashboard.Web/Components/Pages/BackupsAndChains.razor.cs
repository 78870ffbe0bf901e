using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackupDashboard.Web.Components.Pages;

/// <summary>
/// A server's chains, and the buttons that add to them. Progress and ends of runs arrive as
/// <see cref="BackupEvents"/>, whoever started the run (this page, another tab, the API); the
/// page that started a run also tells the operator how it ended.
/// </summary>
public sealed partial class BackupsAndChains : IDisposable
{
    private IReadOnlyList<string>? _servers;
    private string? _server;
    /// <summary>
    /// Chains drawn at first, and added by each "Show older": a server with thousands of backups
    /// would otherwise send megabytes of rows that nobody scrolls to, and check each one's files.
    /// </summary>
    internal const int ChainsPerStep = 10;

    private IReadOnlyList<ChainSummary>? _chains;
    private int _olderChains;
    private int _chainsWanted = ChainsPerStep;
    private RunProgressView? _progress;

    /// <summary>The last run's bar at its end (100 % when it succeeded), shown until the next run starts.</summary>
    private RunProgressView? _ended;
    private IDisposable? _subscription;

    // The tool can report hundreds of files a second: only the newest report is kept, and at
    // most one render for it is queued on the circuit.
    private BackupProgressed? _pendingProgress;
    private int _progressQueued;

    [Inject]
    private IBackupQueries Backups { get; set; } = default!;

    [Inject]
    private BackupEvents Events { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The server to show first (?server=name); the first registered one otherwise.</summary>
    [SupplyParameterFromQuery(Name = "server")]
    public string? Server { get; set; }

    private bool IsBusy => _progress is not null;

    protected override async Task OnInitializedAsync() =>
        _servers = await Backups.ListServersAsync(CancellationToken.None);

    protected override async Task OnParametersSetAsync()
    {
        if (_servers is not { Count: > 0 })
        {
            return;
        }

        var wanted = Server is not null && _servers.Contains(Server, StringComparer.Ordinal) ? Server : _servers[0];
        if (_chains is null || !IsShown(wanted))
        {
            _server = wanted;
            _chains = null;
            _chainsWanted = ChainsPerStep;
            _progress = Backups.RunningBackup(wanted);
            await RefreshChainsAsync();
        }
    }

    protected override Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _subscription = Events.Subscribe(OnBackupEvent);
            // A run that started between loading and subscribing would go unseen until it ends.
            if (_server is not null && _progress is null && Backups.RunningBackup(_server) is { } running)
            {
                _progress = running;
                StateHasChanged();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Through the address, so the choice can be bookmarked and OnParametersSetAsync loads it.</summary>
    private void ChooseServer(string name) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("server", name), replace: true);

    /// <summary>
    /// A full backup on top of a valid chain starts a new chain: asked first, since incrementals
    /// from then on build on the new one. With no valid chain there is nothing to lose.
    /// </summary>
    private async Task StartFullAsync()
    {
        if (_server is { } server && _chains?.Any(c => c.Valid) == true && !await ConfirmNewChainAsync(server))
        {
            return;
        }

        await StartAsync(BackupKind.Full);
    }

    private async Task<bool> ConfirmNewChainAsync(string server)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, $"Start a full backup of {server}? A new chain starts; later incrementals build on it." },
            { d => d.AcceptText, "Start" },
        };
        var dialog = await Dialogs.ShowAsync<ConfirmDialog>("Start a new chain", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, CloseOnEscapeKey = true });
        var answer = await dialog.Result;
        return answer is { Canceled: false };
    }

    private async Task StartAsync(BackupKind kind)
    {
        if (_server is null || IsBusy)
        {
            return;
        }

        var server = _server;
        var run = Backups.StartBackup(server, kind);
        if (run is null)
        {
            Tell(Severity.Info, "Already running", $"A backup of {server} is already running.", seconds: 8);
            _progress ??= Backups.RunningBackup(server);
            return;
        }

        // Until the tool's first report; the run's BackupFinished event clears it.
        _progress = RunProgressView.Starting;
        _ended = null;
        Notify(kind, await run);
    }

    private void Notify(BackupKind kind, BackupOutcome outcome)
    {
        var (severity, verb, seconds) = outcome.Result switch
        {
            BackupResult.Succeeded => (Severity.Success, "succeeded", 10),
            BackupResult.Refused => (Severity.Warning, "refused", 30),
            _ => (Severity.Error, "failed", 30),
        };
        var what = kind == BackupKind.Full ? "Full backup" : "Incremental backup";
        Tell(severity, $"{what} {verb}", outcome.Message, seconds);
    }

    /// <summary>A failure stays long enough to be read and copied; a success goes sooner.</summary>
    private void Tell(Severity severity, string headline, string detail, int seconds) =>
        Snackbar.Add($"{headline}: {detail}", severity, options => options.VisibleStateDuration = seconds * 1000);

    /// <summary>Runs on the publisher's thread: hand over and return.</summary>
    private void OnBackupEvent(BackupEvent backupEvent)
    {
        if (backupEvent is BackupProgressed progressed)
        {
            Volatile.Write(ref _pendingProgress, progressed);
            if (Interlocked.Exchange(ref _progressQueued, 1) == 0)
            {
                _ = InvokeAsync(ShowPendingProgressAsync);
            }
        }
        else if (backupEvent is BackupFinished finished)
        {
            _ = InvokeAsync(() => OnFinishedAsync(finished));
        }
    }

    private async Task ShowPendingProgressAsync()
    {
        Volatile.Write(ref _progressQueued, 0);
        var latest = Interlocked.Exchange(ref _pendingProgress, null);
        if (latest is null || !IsShown(latest.Server))
        {
            return;
        }

        // The first report means the run is in the catalog: show its "running" row.
        var firstReport = _progress is null || ReferenceEquals(_progress, RunProgressView.Starting);
        _progress = latest.Progress;
        if (firstReport)
        {
            await RefreshChainsAsync();
        }

        StateHasChanged();
    }

    private async Task OnFinishedAsync(BackupFinished finished)
    {
        if (!IsShown(finished.Server))
        {
            return;
        }

        // A run too short to report any progress still ends at 100 %, with nothing more to say.
        _ended = finished.Outcome.Result != BackupResult.Succeeded || _progress is not { } last ? null
            : ReferenceEquals(last, RunProgressView.Starting) ? new RunProgressView(100, "done", null, null, "completed")
            : last with { Percent = 100, CurrentFile = null, TimeLeft = null, Phase = "completed" };
        _progress = null;
        await RefreshChainsAsync();
        StateHasChanged();
    }

    private async Task RefreshChainsAsync()
    {
        var server = _server;
        if (server is null)
        {
            return;
        }

        var chains = await Backups.ChainsAsync(server, _chainsWanted, CancellationToken.None);
        // The operator may have picked another server while this was loading.
        if (IsShown(server))
        {
            _chains = chains.Chains;
            _olderChains = chains.Older;
        }
    }

    private async Task ShowOlderAsync()
    {
        _chainsWanted += ChainsPerStep;
        await RefreshChainsAsync();
    }

    private bool IsShown(string server) => string.Equals(server, _server, StringComparison.Ordinal);

    public void Dispose() => _subscription?.Dispose();
}
