using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Jobs;

namespace BackupDashboard.Web.Services;

internal sealed class BackupQueries(IServerRegistry registry, IBackupCatalog catalog, BackupJobs jobs, Engine.Access.IAuditLog audit,
    Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider signedIn) : IBackupQueries
{
    public async Task<IReadOnlyList<string>> ListServersAsync(CancellationToken cancellationToken)
    {
        var servers = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        return servers.Select(s => s.Name).ToList();
    }

    public async Task<ChainList> ChainsAsync(string server, int newest, CancellationToken cancellationToken)
    {
        var backups = await catalog.ListAsync(server, cancellationToken).ConfigureAwait(false);
        var (chains, total) = ChainBuilder.BuildNewest(backups, newest);
        return new ChainList(chains.Select(chain => new ChainSummary(chain.Valid, chain.Reasons, chain.Backups.Select(b => Row(b, chain)).ToList())).ToList(), total);
    }

    public Task<BackupOutcome>? StartBackup(string server, BackupKind kind) => OutcomeAsync(server, kind);

    public RunProgressView? RunningBackup(string server) => RunProgressView.Of(jobs, server);

    /// <summary>Queued behind any backup of the server already queued or running; a refusal is the outcome.</summary>
    private async Task<BackupOutcome> OutcomeAsync(string server, BackupKind kind)
    {
        Task<BackupRecord> run;
        var user = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        if (!Account.AccessPolicies.Holds(user, Engine.Access.Role.Operator))
        {
            // The page shows no button then; a circuit that calls anyway is refused here, too.
            var refusal = Account.AccessPolicies.Refusal(user, Engine.Access.Role.Operator, "Starting a backup");
            await AuditAsync(server, kind, $"refused: {refusal}").ConfigureAwait(false);
            return BackupOutcome.Of(server, Task.FromException<BackupRecord>(new BackupRefusedException(refusal)));
        }

        try
        {
            // An incremental builds on the newest good backup, as bdash backup --incremental does.
            run = (await jobs.StartAsync(server, new BackupOrder(kind), Engine.Jobs.JobTrigger.User).ConfigureAwait(false)).Done;
            await AuditAsync(server, kind, "queued").ConfigureAwait(false);
        }
        catch (Exception e) when (e is BackupRefusedException or InvalidOperationException or IOException)
        {
            await AuditAsync(server, kind, $"refused: {e.Message}").ConfigureAwait(false);
            run = Task.FromException<BackupRecord>(e);
        }

        await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return BackupOutcome.Of(server, run);
    }

    /// <summary>A backup started from a page is not an HTTP request: the page's user goes into the audit log here.</summary>
    private async Task AuditAsync(string server, BackupKind kind, string outcome)
    {
        var user = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User.Identity?.Name ?? "(not signed in)";
        await audit.AppendAsync(user, "web", "page", $"backup {(kind == BackupKind.Full ? "full" : "incremental")} of {server}", outcome, CancellationToken.None)
            .ConfigureAwait(false);
    }

    private static BackupSummary Row(BackupRecord b, BackupChain chain) => new(
        b.Id,
        b.Kind == BackupKind.Full ? "full" : "incremental",
        b.ParentId,
        DisplayFormat.Lsn(b.FromLsn),
        DisplayFormat.Lsn(b.ToLsn),
        DisplayFormat.Lsn(b.LastLsn),
        DisplayFormat.Time(b.StartedAt),
        DisplayFormat.Duration(b.EndedAt - b.StartedAt),
        DisplayFormat.Size(b.Bytes),
        b.Status.ToString().ToLowerInvariant(),
        b.Partial,
        b.Status is BackupStatus.Failed or BackupStatus.Cancelled ? DisplayFormat.FirstLine(b.Problem) : null,
        b.Status is BackupStatus.Failed or BackupStatus.Cancelled ? b.Problem : null,
        b.Status == BackupStatus.Succeeded && chain.NotRestorePoints.TryGetValue(b.Id, out var why) ? why : null,
        b.Verification?.State,
        b.Verification?.Summary,
        b.Filter?.Describe());
}
