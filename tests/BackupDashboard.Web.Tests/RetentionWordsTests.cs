using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Chains;
using BackupDashboard.Engine.Retention;
using BackupDashboard.Web.Services;

namespace BackupDashboard.Web.Tests;

/// <summary>What the Schedules page says after a retention preview or run.</summary>
public class RetentionWordsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 3, 0, 0, TimeSpan.Zero);

    private static BackupChain Chain(string full) => new([Backup(full), Backup(full + "-inc")], [], new Dictionary<string, string>());

    private static BackupRecord Backup(string id) => new()
    {
        Id = id, Server = "shop", Kind = Engine.Tools.BackupKind.Full, ToolName = "mariabackup", StartedAt = At, Status = BackupStatus.Succeeded, Directory = "/r/" + id,
    };

    private static RetentionResult Result(bool dryRun, string? problem = null)
    {
        var old = new ChainVerdict(Chain("a"), Delete: true, "older than the 1 newest chains");
        var kept = new ChainVerdict(Chain("b"), Delete: false, "one of the 1 newest chains");
        var plan = new RetentionPlan("shop", new RetentionPolicy(1, null), At, [old, kept]);
        return new RetentionResult(plan, dryRun, [new ChainOutcome(old, 3L << 30, problem)], []);
    }

    [Fact]
    public void A_preview_names_each_chain_that_would_go_its_size_and_why_and_says_nothing_was_deleted() =>
        Assert.Equal("A retention run now would delete the chain of a (2 backups, 3.0 GiB): older than the 1 newest chains. 1 chain kept. Nothing was deleted.",
            RetentionWords.Of(Result(dryRun: true)));

    [Fact]
    public void A_run_says_what_it_deleted_and_freed_and_a_chain_it_could_not_delete()
    {
        Assert.Equal("Retention deleted the chain of a (2 backups, 3.0 GiB): older than the 1 newest chains; 3.0 GiB freed, 1 chain kept.", RetentionWords.Of(Result(dryRun: false)));
        Assert.Contains(", not deleted, every backup of it left in place: busy", RetentionWords.Of(Result(dryRun: false, "not deleted, every backup of it left in place: busy")), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_to_delete_says_so_with_the_policy()
    {
        var plan = new RetentionPlan("shop", new RetentionPolicy(2, null), At, [new ChainVerdict(Chain("b"), Delete: false, "kept")]);
        Assert.Equal("A retention run now would delete nothing of shop (keep 2 chains; 1 chain kept).", RetentionWords.Of(new RetentionResult(plan, true, [], [])));
    }
}
