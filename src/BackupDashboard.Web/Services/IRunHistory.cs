using BackupDashboard.Engine.Jobs;

namespace BackupDashboard.Web.Services;

/// <summary>
/// What the History page shows: one page of the job history at a time, filtered and sorted by the
/// catalog, and a server's backups over time for its charts. The page talks to this, never to the catalog.
/// </summary>
public interface IRunHistory
{
    Task<IReadOnlyList<string>> ListServersAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of those the filter matches, in that order, and how many match in all.</summary>
    Task<RunPage> PageAsync(RunFilter filter, int skip, int take, JobSort sort, CancellationToken cancellationToken);

    /// <summary>
    /// Asks a queued or running run to stop, if the page's user may (docs/access.md: an operator
    /// stops backups, verifies and rehearsals, an admin also restores and retention runs); what
    /// happened, in words.
    /// </summary>
    Task<string> CancelAsync(long id);

    /// <summary>The server's newest succeeded backups (at most <see cref="BackupTrend.MaxPoints"/>), oldest first, for the size and duration charts.</summary>
    Task<BackupTrend> BackupTrendAsync(string server, CancellationToken cancellationToken);
}

/// <summary>
/// The History page's filters; null matches everything. <see cref="From"/> and <see cref="To"/>
/// are UTC days, both included: to=2026-12-03 keeps the runs queued on the 3rd.
/// </summary>
public sealed record RunFilter(string? Server = null, JobKind? Kind = null, JobState? State = null, DateOnly? From = null, DateOnly? To = null)
{
    public bool IsEmpty => this == new RunFilter();
}

public sealed record RunPage(IReadOnlyList<RunRow> Rows, int Total);

/// <summary>One run as a row of the History page, already in the page's words and formats.</summary>
/// <param name="Finished">False while the run is queued or running: the row says so.</param>
/// <param name="Cancelling">Someone asked a running run to stop.</param>
/// <param name="Reason">The first line of the reason; the rest is in bdash jobs show ID.</param>
public sealed record RunRow(long Id, string Kind, string Server, string Trigger, string State, bool Finished, bool Cancelling,
    string Queued, string Duration, string Subject, string Reason)
{
    /// <summary>A running backup's or restore's progress in words ("step 3 of 6 (copy-back): 75 %, …").</summary>
    public string? Live { get; init; }

    /// <summary>Where the run can be followed (a restore's run page).</summary>
    public string? Watch { get; init; }
}

/// <summary>A server's backups for the charts: <see cref="Points"/> is the newest of <see cref="Succeeded"/>.</summary>
public sealed record BackupTrend(string Server, IReadOnlyList<BackupPoint> Points, int Succeeded)
{
    /// <summary>Enough for a year of daily backups; more points than pixels draw nothing more.</summary>
    public const int MaxPoints = 500;
}

public sealed record BackupPoint(DateTimeOffset StartedAt, long Bytes, TimeSpan Duration);
