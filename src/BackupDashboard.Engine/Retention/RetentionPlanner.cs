using System.Globalization;
using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;

namespace BackupDashboard.Engine.Retention;

/// <summary>
/// Decides which of a server's chains a policy deletes (docs/retention.md). Only whole chains go,
/// so no kept incremental ever loses its full. Whatever the policy says, these stay: the newest
/// valid chain and the newest chain with a restore point, a chain a backup is still being written
/// into, and a chain a running restore uses (<paramref name="inUse"/> says why, or null).
/// </summary>
public static class RetentionPlanner
{
    public static RetentionPlan Plan(string server, IReadOnlyList<BackupChain> chains, RetentionPolicy policy, DateTimeOffset now, Func<BackupChain, string?> inUse)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(inUse);
        var newestFirst = chains.Where(c => c.Backups.Count > 0)
            .OrderByDescending(c => c.Backups.Max(b => b.StartedAt)).ThenByDescending(c => c.Backups[0].Id, StringComparer.Ordinal).ToList();
        var newestValid = newestFirst.FirstOrDefault(c => c.Valid);
        var newestRestorable = newestFirst.FirstOrDefault(HasRestorePoint);
        var cutoff = policy.KeepDays is { } days ? now.AddDays(-days) : (DateTimeOffset?)null;
        // The chain of the newest restore point at or before the window's start: an operator who
        // restores to a moment just inside the window restores to that point.
        var windowStart = cutoff is { } c0
            ? newestFirst.Where(HasRestorePoint).Select(c => (Chain: c, Point: RestorePoints(c).Where(b => b.StartedAt <= c0).Select(b => (DateTimeOffset?)b.StartedAt).Max()))
                .Where(p => p.Point is not null).OrderByDescending(p => p.Point).Select(p => p.Chain).FirstOrDefault()
            : null;

        var verdicts = new List<ChainVerdict>();
        var newerRestorable = 0;
        foreach (var chain in newestFirst)
        {
            var why = KeptBecause(chain, policy, cutoff, newerRestorable, newestValid, newestRestorable, windowStart, inUse);
            verdicts.Add(why is null ? new ChainVerdict(chain, true, DeletedBecause(chain, policy, cutoff)) : new ChainVerdict(chain, false, why));
            if (HasRestorePoint(chain))
            {
                newerRestorable++;
            }
        }

        return new RetentionPlan(server, policy, now, verdicts);
    }

    private static string? KeptBecause(BackupChain chain, RetentionPolicy policy, DateTimeOffset? cutoff, int newerRestorable,
        BackupChain? newestValid, BackupChain? newestRestorable, BackupChain? windowStart, Func<BackupChain, string?> inUse)
    {
        if (inUse(chain) is { } used)
        {
            return used;
        }

        if (chain.Backups.Any(b => b.Status == BackupStatus.Running))
        {
            return "a backup is still being written into it";
        }

        if (ReferenceEquals(chain, newestValid))
        {
            return "the newest valid chain is always kept";
        }

        if (ReferenceEquals(chain, newestRestorable))
        {
            return "it holds the newest restore point, which is always kept";
        }

        if (policy.KeepChains is { } n && newerRestorable < n)
        {
            return string.Create(CultureInfo.InvariantCulture, $"one of the {n} newest chains");
        }

        if (cutoff is { } c && chain.Backups.Any(b => b.StartedAt >= c))
        {
            return string.Create(CultureInfo.InvariantCulture, $"it holds backups from the last {policy.KeepDays} days");
        }

        return ReferenceEquals(chain, windowStart)
            ? string.Create(CultureInfo.InvariantCulture, $"it holds the restore point for the start of the last {policy.KeepDays} days")
            : null;
    }

    private static string DeletedBecause(BackupChain chain, RetentionPolicy policy, DateTimeOffset? cutoff)
    {
        var newest = chain.Backups.Max(b => b.StartedAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var reasons = new List<string>();
        if (policy.KeepChains is { } n)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"older than the {n} newest chains"));
        }

        if (cutoff is not null)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"its newest backup ({newest}) is older than {policy.KeepDays} days and a newer restore point covers their start"));
        }

        var what = HasRestorePoint(chain) ? "" : " (it holds no restore point)";
        return string.Join(" and ", reasons) + what;
    }

    private static bool HasRestorePoint(BackupChain chain) => RestorePoints(chain).Any();

    private static IEnumerable<BackupRecord> RestorePoints(BackupChain chain) => chain.Backups.Where(b => b.IsGood && chain.IsRestorePoint(b));
}
