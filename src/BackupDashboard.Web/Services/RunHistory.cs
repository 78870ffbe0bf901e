using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Web.Services;

internal sealed class RunHistory(IJobHistory history, IServerRegistry registry, IBackupCatalog catalog) : IRunHistory
{
    public async Task<IReadOnlyList<string>> ListServersAsync(CancellationToken cancellationToken) =>
        (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.Name).ToList();

    public async Task<RunPage> PageAsync(RunFilter filter, int skip, int take, JobSort sort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new JobQuery(filter.Server, filter.Kind, filter.State, Math.Clamp(take, 1, JobQueryRequest.MaxLimit))
        {
            From = filter.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            To = filter.To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            Sort = sort,
            Offset = Math.Max(0, skip),
        };
        var page = await history.PageAsync(query, cancellationToken).ConfigureAwait(false);
        return new RunPage(page.Runs.Select(Row).ToList(), page.Total);
    }

    public async Task<BackupTrend> BackupTrendAsync(string server, CancellationToken cancellationToken)
    {
        var (newest, succeeded) = await catalog.NewestSucceededAsync(server, BackupTrend.MaxPoints, cancellationToken).ConfigureAwait(false);
        return new BackupTrend(server, newest.Select(b => new BackupPoint(b.StartedAt, b.Bytes, b.EndedAt!.Value - b.StartedAt)).ToList(), succeeded);
    }

    private static RunRow Row(JobRun run) => new(
        run.Id,
        JobWords.Of(run.Kind),
        run.Server,
        JobWords.Of(run.Trigger),
        JobWords.Of(run.State),
        run.Ended,
        run.CancelRequested && !run.Ended,
        DisplayFormat.Time(run.QueuedAt),
        DisplayFormat.Duration(run.Duration),
        run.Subject ?? "—",
        run.Reason is null ? "—" : DisplayFormat.FirstLine(run.Reason));
}
