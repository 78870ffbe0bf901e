using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Retention;

namespace BackupDashboard.Engine.Tests.Retention;

public sealed class RetentionPlannerTests : IDisposable
{
    private readonly ThreeChains _repo = new();

    [Fact]
    public void Keep_two_chains_deletes_the_oldest_whole_chain_only()
    {
        var plan = Plan(new RetentionPolicy(2, null));

        var deleted = Assert.Single(plan.Deleted);
        Assert.Equal(["a", "a1"], deleted.Chain.Backups.Select(b => b.Id));
        Assert.Equal("older than the 2 newest chains", deleted.Why);
        Assert.Equal(["c", "b"], plan.Kept.Select(k => k.FullId));
        Assert.Equal("the newest valid chain is always kept", plan.Kept.First().Why);
        Assert.Equal("one of the 2 newest chains", plan.Kept.Last().Why);
    }

    [Fact]
    public void Keep_days_keeps_the_chain_holding_the_restore_point_at_the_start_of_the_window()
    {
        // 7 days: c lies in the window; a moment 7 days ago restores from b1 (14 days old), so b stays.
        var week = Plan(new RetentionPolicy(null, 7));
        Assert.Equal(["a"], week.Deleted.Select(d => d.FullId));
        Assert.Equal("it holds the restore point for the start of the last 7 days", week.Kept.Single(k => k.FullId == "b").Why);

        // 20 days: b lies in the window and a holds the point for its start: nothing goes.
        Assert.Empty(Plan(new RetentionPolicy(null, 20)).Deleted);
    }

    [Fact]
    public void Chains_and_days_together_delete_only_what_neither_keeps()
    {
        Assert.Empty(Plan(new RetentionPolicy(3, 1)).Deleted);
        Assert.Equal(["a", "b"], Plan(new RetentionPolicy(1, 1)).Deleted.Select(d => d.FullId).Order());
        Assert.Equal(["a"], Plan(new RetentionPolicy(1, 7)).Deleted.Select(d => d.FullId));
    }

    [Fact]
    public void The_newest_valid_chain_stays_whatever_the_policy_says()
    {
        using var old = new ThreeChains();
        var plan = RetentionPlanner.Plan("db", old.Chains.Where(c => c.Backups[0].Id != "c").ToList(), new RetentionPolicy(null, 1), ThreeChains.Now, _ => null);

        Assert.Equal(["a"], plan.Deleted.Select(d => d.FullId));
        Assert.Equal("the newest valid chain is always kept", plan.Kept.Single().Why);
    }

    [Fact]
    public void A_chain_a_restore_uses_or_a_backup_writes_into_is_kept()
    {
        var plan = RetentionPlanner.Plan("db", _repo.Chains, new RetentionPolicy(1, null), ThreeChains.Now,
            chain => chain.Backups[0].Id == "a" ? "a running restore uses it" : null);
        Assert.Equal(["b"], plan.Deleted.Select(d => d.FullId));
        Assert.Equal("a running restore uses it", plan.Kept.Single(k => k.FullId == "a").Why);

        _repo.Disk.Change("b1", b => b with { Status = BackupStatus.Running });
        var writing = Plan(new RetentionPolicy(1, null));
        Assert.Equal(["a"], writing.Deleted.Select(d => d.FullId));
        Assert.Equal("a backup is still being written into it", writing.Kept.Single(k => k.FullId == "b").Why);
    }

    [Fact]
    public void A_chain_without_a_restore_point_does_not_count_as_one_kept_and_goes_with_its_time()
    {
        _repo.Chain("d", 20);
        _repo.Disk.Change("d", b => b with { Status = BackupStatus.Failed, Problem = "Access denied" });

        var plan = Plan(new RetentionPolicy(2, null));

        Assert.Equal(["c", "b"], plan.Kept.Select(k => k.FullId));
        var failed = plan.Deleted.Single(d => d.FullId == "d");
        Assert.EndsWith("(it holds no restore point)", failed.Why, StringComparison.Ordinal);
        Assert.Contains(plan.Deleted, d => d.FullId == "a");
    }

    [Fact]
    public void A_newest_chain_with_a_broken_link_keeps_its_restore_points_and_the_valid_chain_before_it()
    {
        // c1's checkpoints no longer say what the catalog recorded: c is not valid, c itself still restores.
        File.WriteAllText(Path.Combine(_repo.Disk.Target("c1"), "xtrabackup_checkpoints"), "garbage");

        var plan = Plan(new RetentionPolicy(1, null));

        Assert.Equal(["a"], plan.Deleted.Select(d => d.FullId));
        Assert.Equal("it holds the newest restore point, which is always kept", plan.Kept.Single(k => k.FullId == "c").Why);
        Assert.Equal("the newest valid chain is always kept", plan.Kept.Single(k => k.FullId == "b").Why);
    }

    [Theory]
    [InlineData(null, null, "keep_chains")]
    [InlineData(0, null, "keep_chains")]
    [InlineData(null, -1, "keep_days")]
    [InlineData(2, 36_501, "keep_days")]
    public void A_policy_that_is_not_one_names_its_field(int? chains, int? days, string field)
    {
        Assert.Equal(field, Assert.Single(new RetentionPolicy(chains, days).Problems()).Field);
    }

    private RetentionPlan Plan(RetentionPolicy policy) => RetentionPlanner.Plan("db", _repo.Chains, policy, ThreeChains.Now, _ => null);

    public void Dispose() => _repo.Dispose();
}
