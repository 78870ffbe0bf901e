using AngleSharp.Dom;
using BackupDashboard.Web.Components;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static BackupDashboard.Web.Tests.FakeBackupQueries;

namespace BackupDashboard.Web.Tests;

public class BackupsPageTests : ComponentTest
{
    internal static readonly ChainSummary GoodChain = new(true, [],
    [
        Backup("20250301T020000Z-full", "full", null, 0, 1_626_007, 1_626_016),
        Backup("20250302T020000Z-inc", "incremental", "20250301T020000Z-full", 1_626_007, 1_790_112, 1_790_120),
        Backup("20250303T020000Z-inc", "incremental", "20250302T020000Z-inc", 1_790_112, 2_004_551, 2_004_551),
    ]);

    private static readonly ChainSummary BrokenChain = new(false,
        ["20250305T020000Z-inc failed: The tool exited with code 1 without \"completed OK!\":", "gap: 20250306T020000Z-inc starts at from_lsn 3100000, after 20250304T020000Z-full ends (to_lsn 3000000)"],
    [
        Backup("20250304T020000Z-full", "full", null, 0, 3_000_000, 3_000_010),
        Backup("20250305T020000Z-inc", "incremental", "20250304T020000Z-full", null, null, null, "failed",
            "The tool exited with code 1 without \"completed OK!\":\n[00] FATAL ERROR: failed to connect: Access denied for user 'backup'@'localhost'"),
        Backup("20250306T020000Z-inc", "incremental", "20250304T020000Z-full", 3_100_000, 3_200_000, 3_200_000),
    ]);

    [Fact]
    public void A_valid_chain_lists_full_and_incrementals_in_order_with_from_to_and_last_lsn()
    {
        var page = RenderPage(new FakeBackupQueries(["db1"], Chains("db1", GoodChain)));

        var card = Assert.Single(page.FindAll(".chain-card"));
        Assert.Contains("chain-valid", card.ClassList);
        Assert.Equal("Valid", card.QuerySelector(".chain-verdict")!.TextContent.Trim());
        var rows = card.QuerySelectorAll("tr.backup-row");
        Assert.Equal(["20250301T020000Z-full", "20250302T020000Z-inc", "20250303T020000Z-inc"], rows.Select(r => Cell(r, "backup-id")));
        Assert.Equal(["full", "incremental", "incremental"], rows.Select(r => Cell(r, "backup-type")));
        Assert.Equal(["—", "20250301T020000Z-full", "20250302T020000Z-inc"], rows.Select(r => Cell(r, "backup-parent")));
        Assert.Equal(["0", "1626007", "1790112"], rows.Select(r => Cell(r, "backup-from-lsn")));
        Assert.Equal(["1626007", "1790112", "2004551"], rows.Select(r => Cell(r, "backup-to-lsn")));
        Assert.Equal(["1626016", "1790120", "2004551"], rows.Select(r => Cell(r, "backup-last-lsn")));
        Assert.All(rows, r => Assert.Equal("succeeded", Cell(r, "backup-status")));
        Assert.Empty(page.FindAll(".backup-problem"));
    }

    [Fact]
    public void An_invalid_chain_lists_every_reason_and_keeps_the_failed_run_in_place_with_its_problem()
    {
        var page = RenderPage(new FakeBackupQueries(["db1"], Chains("db1", GoodChain, BrokenChain)));

        var cards = page.FindAll(".chain-card");
        Assert.Equal(2, cards.Count);
        // Newest first: the broken chain was taken after the good one.
        Assert.Equal(["Chain 2", "Chain 1"], cards.Select(c => c.QuerySelector("h2")!.TextContent.Trim()));
        var broken = cards[0];
        Assert.Contains("chain-invalid", broken.ClassList);
        Assert.Equal("Not valid", broken.QuerySelector(".chain-verdict")!.TextContent.Trim());
        Assert.Equal(BrokenChain.Reasons, broken.QuerySelectorAll(".chain-reasons li").Select(li => li.TextContent.Trim()));
        var rows = broken.QuerySelectorAll("tr.backup-row");
        Assert.Equal(["succeeded", "failed", "succeeded"], rows.Select(r => Cell(r, "backup-status")));
        Assert.Equal("—", Cell(rows[1], "backup-to-lsn"));
        // The failed run's problem sits right under its row: headline shown, full text one click away.
        var problem = rows[1].NextElementSibling!.QuerySelector("details.backup-problem")!;
        Assert.Equal("The tool exited with code 1 without \"completed OK!\":", problem.QuerySelector("summary")!.TextContent.Trim());
        Assert.Contains("Access denied for user 'backup'@'localhost'", problem.QuerySelector("pre")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("20250304T020000Z-full", Cell(rows[2], "backup-parent"));
    }

    [Fact]
    public void A_good_backup_whose_files_changed_says_in_words_that_it_is_not_a_restore_point()
    {
        const string why = "20250302T020000Z-inc: its checkpoints file says from_lsn 1626007, to_lsn 1790999, last_lsn 1790120; the catalog recorded 1626007, 1790112, 1790120: the file was changed after the backup";
        var edited = new ChainSummary(false, [why],
        [
            GoodChain.Backups[0],
            GoodChain.Backups[1] with { NotRestorePoint = why },
            GoodChain.Backups[2] with { NotRestorePoint = "20250303T020000Z-inc is based on 20250302T020000Z-inc, which is not a restore point" },
        ]);

        var page = RenderPage(new FakeBackupQueries(["db1"], Chains("db1", edited)));

        var rows = page.FindAll("tr.backup-row");
        Assert.Null(rows[0].NextElementSibling?.QuerySelector(".backup-not-restore-point"));
        Assert.Equal($"Not a restore point: {why}", rows[1].NextElementSibling!.QuerySelector(".backup-not-restore-point")!.TextContent.Trim());
        Assert.Contains("not a restore point", rows[2].QuerySelector(".backup-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(why, Assert.Single(page.FindAll(".chain-reasons li")).TextContent.Trim());
    }

    [Fact]
    public void A_partial_backup_is_marked_partial_with_its_filter_in_the_table_and_the_timeline()
    {
        const string why = "20250310T020000Z-full is a partial backup (only some tables: databases shop), never a restore point of the whole server; its tables are imported one by one (bdash restore 20250310T020000Z-full --plan)";
        var partial = new ChainSummary(true, [],
        [
            Backup("20250310T020000Z-full", "full", null, 0, 4_000_000, 4_000_010) with { Partial = true, PartialFilter = "databases shop", NotRestorePoint = why },
        ]);

        var page = RenderPage(new FakeBackupQueries(["db1"], Chains("db1", GoodChain, partial)));

        var row = page.FindAll("tr.backup-row").Single(r => r.GetAttribute("data-backup-id") == "20250310T020000Z-full");
        Assert.Equal("partial: databases shop", row.QuerySelector(".backup-partial")!.TextContent.Trim());
        Assert.Contains("not a restore point", row.QuerySelector(".backup-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(row.QuerySelector(".restore-here"));
        Assert.Equal($"Not a restore point: {why}", row.NextElementSibling!.QuerySelector(".backup-not-restore-point")!.TextContent.Trim());
        Assert.Equal("partial: databases shop", page.Find("[data-backup-id='20250310T020000Z-full'] .timeline-partial").TextContent.Trim());
        Assert.Single(page.FindAll("tr.backup-row .backup-partial"));
    }

    [Fact]
    public void Without_servers_the_page_says_how_to_register_one_and_offers_no_backup_buttons()
    {
        var page = RenderPage(new FakeBackupQueries([], Chains("db1")));

        Assert.Contains("bdash server add", page.Find("#no-servers").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#start-full"));
        Assert.Empty(page.FindAll("#server-picker"));
    }

    [Fact]
    public void The_first_server_is_shown_when_the_address_names_none()
    {
        var queries = new FakeBackupQueries(["db1", "db2"], Chains("db2", GoodChain));

        var page = RenderPage(queries);

        Assert.Equal(["db1"], queries.ChainsAskedFor);
        Assert.Contains("db1 has no backup yet", page.Find("#no-backups").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_server_named_in_the_address_is_shown_with_its_buttons_and_no_progress()
    {
        var queries = new FakeBackupQueries(["db1", "db2"], Chains("db2", GoodChain));

        var page = RenderPage(queries, "http://localhost/backups?server=db2");

        Assert.Equal(["db2"], queries.ChainsAskedFor);
        Assert.Single(page.FindAll(".chain-card"));
        Assert.Single(page.FindAll("#server-picker"));
        Assert.Single(page.FindAll("#start-full"));
        Assert.Single(page.FindAll("#start-incremental"));
        Assert.Empty(page.FindAll("#backup-progress"));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(5L * 1024 * 1024, "5.0 MiB")]
    [InlineData(3_221_225_472L, "3.0 GiB")]
    public void Sizes_read_in_binary_units(long bytes, string shown) => Assert.Equal(shown, DisplayFormat.Size(bytes));

    [Fact]
    public void Lsns_are_plain_integers_and_times_are_utc()
    {
        Assert.Equal("18446744073709551615", DisplayFormat.Lsn(ulong.MaxValue));
        Assert.Equal("—", DisplayFormat.Lsn(null));
        Assert.Equal("2025-03-01 01:02:03", DisplayFormat.Time(new DateTimeOffset(2025, 3, 1, 3, 2, 3, TimeSpan.FromHours(2))));
        Assert.Equal("26:00:05", DisplayFormat.Duration(TimeSpan.FromHours(26) + TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_viewer_sees_the_backup_buttons_disabled_with_the_reason()
    {
        var page = RenderPage(new FakeBackupQueries(["db1"], Chains("db1", GoodChain)), role: Engine.Access.Role.Viewer);

        Assert.True(page.Find("#start-full").HasAttribute("disabled"));
        Assert.True(page.Find("#start-incremental").HasAttribute("disabled"));
        Assert.Equal("Starting a backup needs the operator role or higher; olly is a viewer.", page.Find("#backup-not-allowed").TextContent.Trim());
    }

    [Fact]
    public void An_operator_gets_the_backup_buttons_without_a_refusal()
    {
        var page = RenderPage(new FakeBackupQueries(["db1"], Chains("db1", GoodChain)));

        Assert.False(page.Find("#start-full").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("#backup-not-allowed"));
    }

    // A server with thousands of backups: the newest chains are drawn and older ones come on
    // request; a very long chain draws its full and its newest backups.
    [Fact]
    public void Only_the_newest_ten_chains_are_drawn_keeping_their_numbers_and_older_ones_come_on_request()
    {
        var chains = Enumerable.Range(1, 12).Select(n => NumberedChain(n, backups: 3)).ToArray();
        var queries = new FakeBackupQueries(["db1"], Chains("db1", chains));
        var page = RenderPage(queries);

        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(n => $"Chain {n}"), page.FindAll(".chain-card h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("20250103T020000Z-full", page.FindAll(".chain-card")[^1].QuerySelector("td.backup-id")!.TextContent.Trim());
        Assert.Contains("2 older chains are not", page.Find("#older-chains").TextContent, StringComparison.Ordinal);

        page.Find("#show-older").Click();

        Assert.Equal([BackupsAndChains.ChainsPerStep, 2 * BackupsAndChains.ChainsPerStep], queries.NewestAskedFor);
        Assert.Equal(12, page.FindAll(".chain-card").Count);
        Assert.Empty(page.FindAll("#older-chains"));
    }

    [Fact]
    public void A_chain_longer_than_a_hundred_backups_draws_its_full_and_its_newest_and_says_how_many_it_leaves_out()
    {
        var card = Render<ChainCard>(p => p.Add(c => c.Chain, NumberedChain(1, backups: 150)).Add(c => c.Number, 1));

        var ids = card.FindAll("tr.backup-row td.backup-id").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(ChainCard.MaxRows, ids.Count);
        Assert.Equal(["20250101T020000Z-full", "20250101T020000Z-inc051", "20250101T020000Z-inc052"], ids.Take(3));
        Assert.Equal("20250101T020000Z-inc149", ids[^1]);
        Assert.Contains("50 older backups of this chain not drawn", card.Find("tr.backup-rows-hidden").TextContent, StringComparison.Ordinal);
    }

    /// <summary>Chain <paramref name="n"/>: a full on day n and its incrementals.</summary>
    private static ChainSummary NumberedChain(int n, int backups)
    {
        var full = $"2025{(n <= 31 ? $"01{n:00}" : "0201")}T020000Z-full";
        var rows = new List<BackupSummary> { Backup(full, "full", null, 0, 100, 100) };
        rows.AddRange(Enumerable.Range(1, backups - 1).Select(i => Backup($"{full[..^5]}-inc{i:000}", "incremental", full, 100UL * (ulong)i, 100UL * (ulong)(i + 1), 100UL * (ulong)(i + 1))));
        return new ChainSummary(true, [], rows);
    }

    private IRenderedComponent<BackupsAndChains> RenderPage(IBackupQueries queries, string address = "http://localhost/backups", Engine.Access.Role role = Engine.Access.Role.Operator)
    {
        SignInAs("olly", role);
        Services.AddSingleton(queries);
        Services.AddSingleton(new BackupEvents(NullLogger<BackupEvents>.Instance));
        // The page as opened at an address, so ?server= reaches it the way the router supplies it.
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<BackupsAndChains>();
    }

    internal static Dictionary<string, IReadOnlyList<ChainSummary>> Chains(string server, params ChainSummary[] chains) =>
        new(StringComparer.Ordinal) { [server] = chains };

    private static string Cell(IElement row, string column) => row.QuerySelector($"td.{column}")!.TextContent.Trim();
}
