using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Retention;
using BackupDashboard.Engine.Schedules;
using BackupDashboard.Engine.Servers;
using Microsoft.AspNetCore.Components.Authorization;

namespace BackupDashboard.Web.Services;

/// <summary>A server's schedule and retention policy as the Schedules page shows them; null where none is set.</summary>
public sealed record ServerPlanView(string Server, ScheduleView? Schedule, RetentionPolicy? Retention);

/// <summary>What a change on the Schedules page came to, and the form field at fault when it was refused.</summary>
public sealed record ScheduleChange(bool Done, string Message, string? Field = null);

/// <summary>
/// The Schedules page's operations (docs/schedules.md, docs/retention.md): read every server's
/// schedule with its next fires and its retention policy; set or remove a schedule and set a
/// policy, admins only, with the same checks as bdash schedule set and the API, audited here.
/// The running dashboard picks a schedule change up within seconds (ScheduleSync).
/// </summary>
internal sealed class ScheduleAdministration(IServerRegistry servers, IScheduleCatalog schedules, IRetentionCatalog retention, IAuditLog audit,
    AuthenticationStateProvider signedIn, TimeProvider clock)
{
    public async Task<IReadOnlyList<ServerPlanView>> ListAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var views = new List<ServerPlanView>();
        foreach (var server in await servers.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var schedule = await schedules.FindAsync(server.Name, cancellationToken).ConfigureAwait(false);
            views.Add(new ServerPlanView(server.Name, schedule is null ? null : ScheduleView.From(schedule, now),
                await retention.FindPolicyAsync(server.Name, cancellationToken).ConfigureAwait(false)));
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

    private Task<ScheduleChange> ChangeAsync(string action, Func<Task<ScheduleChange>> change) =>
        PageActions.ChangeAsync<ScheduleChange, ArgumentException>(signedIn, audit, Role.Admin, "Changing schedules and retention", action,
            change, refusal => new ScheduleChange(false, refusal), result => (result.Done, result.Message));
}
