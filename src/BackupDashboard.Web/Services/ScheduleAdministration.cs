using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.Retention;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Servers;
using Microsoft.AspNetCore.Components.Authorization;

namespace BackupDashboard.Web.Services;

/// <summary>A server's schedule and retention policy as the Schedules page shows them (null where none is set), and the chains retention deleted last.</summary>
public sealed record ServerPlanView(string Server, ScheduleView? Schedule, RetentionPolicy? Retention)
{
    /// <summary>The newest few, newest first.</summary>
    public IReadOnlyList<DeletionRecord> Deletions { get; init; } = [];
}

/// <summary>What a change on the Schedules page came to, and the form field at fault when it was refused.</summary>
public sealed record ScheduleChange(bool Done, string Message, string? Field = null);

/// <summary>
/// The Schedules page's operations (docs/schedules.md, docs/retention.md): read every server's
/// schedule with its next fires and its retention policy; set or remove a schedule and set a
/// policy, admins only, with the same checks as bdash schedule set and the API, audited here.
/// The running dashboard picks a schedule change up within seconds (ScheduleSync).
/// </summary>
internal sealed class ScheduleAdministration(IServerRegistry servers, IScheduleCatalog schedules, IRetentionCatalog retention, IAuditLog audit,
    AuthenticationStateProvider signedIn, TimeProvider clock, RetentionRunner retentionRunner, JobRecorder jobs)
{
    /// <summary>How many of a server's deletions the page lists; bdash retention show has them all.</summary>
    private const int DeletionsShown = 5;

    public async Task<IReadOnlyList<ServerPlanView>> ListAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var views = new List<ServerPlanView>();
        foreach (var server in await servers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var schedule = await schedules.FindAsync(server.Name, cancellationToken).ConfigureAwait(false);
            var deletions = await retention.ListDeletionsAsync(server.Name, cancellationToken).ConfigureAwait(false);
            views.Add(new ServerPlanView(server.Name, schedule is null ? null : ScheduleView.From(schedule, now),
                await retention.FindPolicyAsync(server.Name, cancellationToken).ConfigureAwait(false))
            {
                Deletions = [.. deletions.OrderByDescending(d => d.At).Take(DeletionsShown)],
            });
        }

        return views;
    }

    public Task<ScheduleChange> SaveScheduleAsync(string server, ScheduleRequest request) =>
        ChangeAsync($"set schedule of {server}", async () =>
        {
            var (schedule, field, problem) = request.Resolve(server);
            if (schedule is null)
            {
                return new ScheduleChange(false, problem!, field);
            }

            await schedules.SaveAsync(schedule, CancellationToken.None).ConfigureAwait(false);
            return new ScheduleChange(true, $"{server}'s schedule is set; the dashboard runs it from now on.");
        });

    public Task<ScheduleChange> RemoveScheduleAsync(string server) =>
        ChangeAsync($"remove schedule of {server}", async () =>
            await schedules.RemoveAsync(server, CancellationToken.None).ConfigureAwait(false)
                ? new ScheduleChange(true, $"{server} has no schedule any more; its backups stay.")
                : new ScheduleChange(false, $"{server} had no schedule."));

    public Task<ScheduleChange> SaveRetentionAsync(string server, int? keepChains, int? keepDays) =>
        ChangeAsync($"set retention of {server}", async () =>
        {
            var policy = new RetentionPolicy(keepChains, keepDays);
            if (policy.Problems() is [var (field, problem), ..])
            {
                return new ScheduleChange(false, problem, field);
            }

            await retention.SavePolicyAsync(server, policy, CancellationToken.None).ConfigureAwait(false);
            return new ScheduleChange(true, $"{server} keeps {policy}; nothing is deleted until retention runs (daily, or bdash retention run).");
        });

    /// <summary>
    /// Retention now, as the daily job runs it (recorded in the job history), or its dry run,
    /// which judges the same way and deletes nothing: what would go is said chain by chain.
    /// </summary>
    public Task<ScheduleChange> RunRetentionAsync(string server, bool dryRun) =>
        PageActions.ChangeAsync<ScheduleChange, RetentionRefusedException>(signedIn, audit, Role.Admin, "Running retention",
            dryRun ? $"retention dry run of {server}" : $"retention run of {server}",
            async () =>
            {
                var who = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User.Identity?.Name ?? "?";
                var result = await jobs.RunRetentionAsync(retentionRunner, retention, server, dryRun, $"{who} (web)", JobTrigger.User, CancellationToken.None)
                    .ConfigureAwait(false);
                return new ScheduleChange(result.Succeeded, RetentionWords.Of(result));
            },
            refusal => new ScheduleChange(false, refusal), result => (result.Done, result.Message));

    private Task<ScheduleChange> ChangeAsync(string action, Func<Task<ScheduleChange>> change) =>
        PageActions.ChangeAsync<ScheduleChange, ArgumentException>(signedIn, audit, Role.Admin, "Changing schedules and retention", action,
            change, refusal => new ScheduleChange(false, refusal), result => (result.Done, result.Message));
}
