using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Restores;
using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Components;
using Bunit;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// The plan view of the restore wizard for each tool and version the product knows: a chain of a
/// full and two incrementals, planned by the engine's planner, shows --apply-log-only on every
/// prepare but the last where the tool needs it (XtraBackup, mariabackup 10.1), and on none where
/// the option no longer exists (mariabackup 10.2 and later), with the reason written beside it.
/// </summary>
public sealed class RestorePlanStepsTests : ComponentTest, IDisposable
{
    private readonly TempFolder _folder = new("bdash-planview-");

    [Theory]
    [InlineData("mariabackup", "10.1.48", new[] { true, true, false })]
    [InlineData("mariabackup", "10.11.19", new[] { false, false, false })]
    [InlineData("mariabackup", "11.4.3", new[] { false, false, false })]
    [InlineData("xtrabackup", "2.4.29", new[] { true, true, false })]
    [InlineData("xtrabackup", "8.0.35-30", new[] { true, true, false })]
    [InlineData("xtrabackup", "8.4.0-1", new[] { true, true, false })]
    public void Prepare_steps_carry_apply_log_only_exactly_where_the_tool_and_version_need_it(string tool, string version, bool[] applyLogOnly)
    {
        var chain = Chain(tool, version);
        var plan = RestorePlanView.From(RestorePlanner.Plan(chain[^1], chain, new RestoreOptions(_folder.Combine($"restored-{tool}-{version}"))));

        var prepares = Render<RestorePlanSteps>(p => p.Add(s => s.Plan, plan)).FindAll(".restore-step[data-kind=prepare]");

        Assert.Equal(applyLogOnly, prepares.Select(step => step.QuerySelector("code")!.TextContent.Contains("--apply-log-only", StringComparison.Ordinal)));
        Assert.All(prepares, step => Assert.Contains(version.Split('-')[0], step.QuerySelector(".restore-step-why")!.TextContent, StringComparison.Ordinal));
        var why = prepares[^1].QuerySelector(".restore-step-why")!.TextContent;
        Assert.Contains(applyLogOnly[0] ? "last" : "apply-log-only", why, StringComparison.OrdinalIgnoreCase);
    }

    public new void Dispose()
    {
        _folder.Dispose();
        base.Dispose();
    }

    /// <summary>A full and two incrementals on disk, as the tool wrote their checkpoints.</summary>
    private List<BackupRecord> Chain(string tool, string version)
    {
        var t0 = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var backups = new List<BackupRecord>();
        for (var i = 0; i < 3; i++)
        {
            var id = $"{tool}-{version}-{i}";
            var directory = _folder.Combine("repo", id);
            Directory.CreateDirectory(Path.Combine(directory, BackupLayout.TargetFolder));
            var (from, to) = ((ulong)i * 1000, (ulong)(i + 1) * 1000);
            File.WriteAllText(Path.Combine(directory, BackupLayout.TargetFolder, "xtrabackup_checkpoints"), string.Create(CultureInfo.InvariantCulture,
                $"backup_type = {(i == 0 ? "full-backuped" : "incremental")}\nfrom_lsn = {from}\nto_lsn = {to}\nlast_lsn = {to + 9}\n"));
            backups.Add(new BackupRecord
            {
                Id = id, Server = "db", Kind = i == 0 ? BackupKind.Full : BackupKind.Incremental, ParentId = i == 0 ? null : backups[i - 1].Id,
                FromLsn = from, ToLsn = to, LastLsn = to + 9, ToolName = tool, ToolVersion = version,
                StartedAt = t0.AddHours(i), Status = BackupStatus.Succeeded, Directory = directory,
            });
        }

        return backups;
    }
}
