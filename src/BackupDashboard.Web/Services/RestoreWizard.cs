using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Jobs;
using BackupDashboard.Engine.RestoreRuns;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Web.Account;
using BackupDashboard.Web.Jobs;
using Microsoft.AspNetCore.Components.Authorization;

namespace BackupDashboard.Web.Services;

/// <summary>A restore point the wizard offers: a good backup of a chain, newest first.</summary>
public sealed record RestorePointChoice(string Id, string Type, string Started, string ToLsn, bool ChainValid, string? NotRestorePoint);

/// <summary>The preflight of a restore: the plan when every check passed, or the refusal and the field it is about.</summary>
public sealed record RestorePreflight(RestorePlanView? Plan, string? Refusal, string? Field, string? Runbook, IReadOnlyList<string> StartCommands)
{
    /// <summary>The tool that will run, as found on this machine with its version; or why it cannot run.</summary>
    public string? Tool { get; init; }

    public bool ToolFound { get; init; }

    /// <summary>Set when the tool's major version differs from the one that took the chain.</summary>
    public string? ToolMismatch { get; init; }
}

/// <summary>
/// The restore wizard's operations (docs/restore-plans.md): restore points from the chains, the
/// plan as the runner will carry it out (its checks are the preflight), the run started as a
/// background job, and the run read back from its record. Only an admin restores; each start is
/// audited here, since a click on a page is no HTTP request the audit trail sees.
/// </summary>
internal sealed class RestoreWizard(IBackupQueries backups, RestoreRunner restorer, RestoreJobs jobs, RestoreRunStore runs, IAuditLog audit,
    AuthenticationStateProvider signedIn) : IRestoreRuns
{
    /// <summary>The longest piece of a step's log the page shows; the whole file stays on disk.</summary>
    private const int LogTailBytes = 64 * 1024;

    public Task<IReadOnlyList<string>> ServersAsync(CancellationToken cancellationToken) => backups.ListServersAsync(cancellationToken);

    public async Task<IReadOnlyList<RestorePointChoice>> RestorePointsAsync(string server, CancellationToken cancellationToken)
    {
        // The newest 50 chains: a restore reaches further back with bdash restore ID.
        var chains = (await backups.ChainsAsync(server, newest: 50, cancellationToken).ConfigureAwait(false)).Chains;
        return [.. chains
            .SelectMany(chain => chain.Backups.Where(b => b.Status == "succeeded").Select(b => new RestorePointChoice(b.Id, b.Type, b.Started, b.ToLsn, chain.Valid, b.NotRestorePoint)))
            .Reverse()];
    }

    /// <summary>The plan for these options, or why it cannot run; nothing is written either way.</summary>
    public async Task<RestorePreflight> PreflightAsync(string server, string pointId, RestoreOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var plan = await restorer.PlanAsync($"{server}/{pointId}", options, cancellationToken).ConfigureAwait(false);
            var tool = await ToolOf(plan, cancellationToken).ConfigureAwait(false);
            return new RestorePreflight(RestorePlanView.From(plan), null, null, RestoreRunbook.ToShellScript(plan), StartCommands.For(plan))
            {
                Tool = tool.Problem ?? $"{tool.Name} {tool.Version} ({tool.Path})",
                ToolFound = tool.Problem is null,
                ToolMismatch = Mismatch(plan.RestorePoint, tool),
            };
        }
        catch (RestoreRefusedException e)
        {
            return new RestorePreflight(null, e.Message, e.Field, null, []);
        }
    }

    /// <summary>Starts the restore as a background run: its id, or the refusal in words.</summary>
    public async Task<(string? RunId, string? Refusal)> StartAsync(string server, string pointId, RestoreOptions options)
    {
        var user = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        var action = $"restore {server}/{pointId} into {options.DataDir}";
        if (!AccessPolicies.Holds(user, Role.Admin))
        {
            var refusal = AccessPolicies.Refusal(user, Role.Admin, "Restoring");
            await AuditAsync(user.Identity?.Name, action, $"refused: {refusal}").ConfigureAwait(false);
            return (null, refusal);
        }

        try
        {
            // Planned again at the start: the target may have changed since the preflight.
            var plan = await restorer.PlanAsync($"{server}/{pointId}", options, CancellationToken.None).ConfigureAwait(false);
            var (run, _) = await jobs.StartAsync(plan, JobTrigger.User).ConfigureAwait(false);
            await AuditAsync(user.Identity?.Name, action, $"started run {run.Id}").ConfigureAwait(false);
            return (run.Id, null);
        }
        catch (RestoreRefusedException e)
        {
            await AuditAsync(user.Identity?.Name, action, $"refused: {e.Message}").ConfigureAwait(false);
            return (null, e.Message);
        }
    }

    /// <summary>The program the plan's prepare steps name, found and asked for its version as the server test does.</summary>
    private static Task<Engine.Tools.InstalledTool> ToolOf(RestorePlan plan, CancellationToken cancellationToken)
    {
        var program = plan.Steps.FirstOrDefault(s => s.Kind == RestoreStepKind.Prepare)?.Argv[0];
        var kind = plan.RestorePoint.ToolName.Contains("xtrabackup", StringComparison.OrdinalIgnoreCase) ? Engine.Tools.BackupToolKind.XtraBackup : Engine.Tools.BackupToolKind.MariaBackup;
        return Engine.Tools.InstalledTool.DetectAsync(kind, program is not null && Path.IsPathRooted(program) ? program : null, cancellationToken);
    }

    /// <summary>mariabackup and xtrabackup prepare what their own major version took; another one is worth a warning before it runs.</summary>
    private static string? Mismatch(Engine.Backups.BackupRecord point, Engine.Tools.InstalledTool tool)
    {
        var taken = Engine.Tools.InstalledTool.ToVersion(point.ToolVersion);
        var here = Engine.Tools.InstalledTool.ToVersion(tool.Version);
        return taken is null || here is null || (taken.Major == here.Major && taken.Minor == here.Minor)
            ? null
            : $"The chain was taken with {point.ToolName} {point.ToolVersion}; this machine has {tool.Version}. Prepare with the same major version as the backup (the tools' own rule).";
    }

    public RestoreRunRecord? Run(string id) => RestoreRunStore.IsId(id) ? runs.Find(id) : null;

    public bool Cancel(string id) => jobs.Cancel(id);

    /// <summary>
    /// The end of one step's log, read from the run's own record of where it is: a finished
    /// step's from the result, the running step's as it is written.
    /// </summary>
    public async Task<string> StepLogAsync(string runId, int stepNumber, CancellationToken cancellationToken)
    {
        var run = Run(runId);
        var log = run?.Result?.Steps.FirstOrDefault(s => s.Number == stepNumber)?.Log
            ?? (run is { Ended: false } && run.Step == stepNumber ? run.StepLog : null);
        if (log is null || !File.Exists(log))
        {
            return "(no output from this step yet)";
        }

        // Off the circuit's thread: a log can be large.
        return await Task.Run(() => Engine.Runs.LogTail.Read(log, LogTailBytes), cancellationToken).ConfigureAwait(false);
    }

    private Task AuditAsync(string? who, string action, string outcome) =>
        audit.AppendAsync(who ?? "(not signed in)", "web", "page", action, outcome, CancellationToken.None);
}
