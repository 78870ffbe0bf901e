using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Web.Services;

internal sealed class RunHistory(IJobHistory history, IServerRegistry registry, IBackupCatalog catalog, Engine.Access.IAuditLog audit,
    Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider signedIn, Jobs.BackupJobs backups, Jobs.RestoreJobs restores) : IRunHistory
{
    public async Task<string> CancelAsync(long id)
    {
        var user = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        var run = await history.FindAsync(id, CancellationToken.None).ConfigureAwait(false);
        string outcome;
        if (run is null)
        {
            outcome = $"There is no run {id}.";
        }
        else if (run.Ended)
        {
            outcome = $"Run {id} already ended ({JobWords.Of(run.State)}).";
        }
        else if (!Account.AccessPolicies.Holds(user, Account.AccessPolicies.ToCancel(run.Kind)))
        {
            outcome = Account.AccessPolicies.Refusal(user, Account.AccessPolicies.ToCancel(run.Kind), $"Cancelling a {JobWords.Of(run.Kind)} run");
        }
        else
        {
            await history.RequestCancelAsync(id, CancellationToken.None).ConfigureAwait(false);
            outcome = $"Run {id} is asked to stop; its tool gets a few seconds to end cleanly.";
        }

        await audit.AppendAsync(user.Identity?.Name ?? "(not signed in)", "web", "page", $"cancel run {id}", outcome, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

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

    private RunRow Row(JobRun run) => Live(run, new(
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
        run.Reason is null ? "—" : DisplayFormat.FirstLine(run.Reason)));

    /// <summary>
    /// A running backup's or restore's progress on its row, as the pages that follow it show it;
    /// a restore's row also links to its run page (one backup runs per server, so a server's
    /// running backup is the row's).
    /// </summary>
    private RunRow Live(JobRun run, RunRow row)
    {
        if (run.Ended)
        {
            return row;
        }

        if (run.Kind == JobKind.Backup && run.State == JobState.Running && RunProgressView.Of(backups, run.Server) is { } backup)
        {
            return row with { Live = Words(backup) };
        }

        if (run.Kind == JobKind.Restore && restores.RunOf(run.Id) is { } restore)
        {
            var step = restore.Step is { } number ? $"step {number} of {restore.Steps} ({restore.StepKind})" : "waiting for its turn";
            var progress = restore.Step is null ? null : Words(RunProgressView.OfStep(restore));
            return row with { Live = progress is { Length: > 0 } ? $"{step}: {progress}" : step, Watch = $"/restore?run={restore.Id}" };
        }

        return row;
    }

    private static string Words(RunProgressView progress) => string.Join(", ", new[]
    {
        progress.Measured ? DisplayFormat.Percent(progress.Percent) : null,
        progress.Copied.Length > 0 ? progress.Copied : null,
        progress.TimeLeft is null ? null : $"about {progress.TimeLeft} left",
    }.Where(part => part is not null));
}
