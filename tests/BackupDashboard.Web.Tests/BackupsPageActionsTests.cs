using BackupDashboard.Engine.Tools;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using static BackupDashboard.Web.Tests.BackupsPageTests;

namespace BackupDashboard.Web.Tests;

/// <summary>The page's buttons and picker, clicked over bunit's renderer: no browser, no server.</summary>
public class BackupsPageActionsTests : ComponentTest
{
    private static readonly BackupOutcome Succeeded = new("db1", BackupResult.Succeeded, "20250310T020000Z-full of db1, to_lsn 4000000.", "20250310T020000Z-full");

    [Fact]
    public void Full_backup_of_a_server_without_backups_starts_at_once_and_tells_how_it_ended()
    {
        var queries = Queries(Chains("db1"), Succeeded);
        var page = RenderPage(queries);

        page.Find("#start-full").Click();

        Assert.Equal([("db1", BackupKind.Full)], queries.Started);
        page.WaitForAssertion(() => Assert.Contains("Full backup succeeded: 20250310T020000Z-full of db1, to_lsn 4000000.", page.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        var told = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Severity.Success, told.Severity);
    }

    [Fact]
    public void A_refused_incremental_is_a_warning_with_the_reason()
    {
        var refused = new BackupOutcome("db1", BackupResult.Refused, "db1 has no good backup to build an incremental on.");
        var queries = Queries(Chains("db1"), refused);
        var page = RenderPage(queries);

        page.Find("#start-incremental").Click();

        Assert.Equal([("db1", BackupKind.Incremental)], queries.Started);
        page.WaitForAssertion(() => Assert.Contains("Incremental backup refused: db1 has no good backup", page.Find(".mud-snackbar").TextContent, StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars).Severity);
    }

    [Fact]
    public void Full_backup_on_top_of_a_valid_chain_starts_only_after_the_operator_confirms()
    {
        var queries = Queries(Chains("db1", GoodChain), Succeeded);
        var page = RenderPage(queries);

        page.Find("#start-full").Click();

        var question = page.WaitForElement("#confirm-message");
        Assert.Equal("Start a full backup of db1? A new chain starts; later incrementals build on it.", question.TextContent.Trim());
        Assert.Empty(queries.Started);
        page.Find("#confirm-accept").Click();
        page.WaitForAssertion(() => Assert.Equal([("db1", BackupKind.Full)], queries.Started));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#confirm-message")));
    }

    [Fact]
    public void Cancelling_the_question_starts_nothing()
    {
        var queries = Queries(Chains("db1", GoodChain), Succeeded);
        var page = RenderPage(queries);

        page.Find("#start-full").Click();
        page.WaitForElement("#confirm-cancel").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#confirm-message")));
        Assert.Empty(queries.Started);
        Assert.Empty(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
    }

    [Fact]
    public void Picking_another_server_loads_its_chains_and_puts_it_in_the_address()
    {
        var queries = Queries(new(StringComparer.Ordinal) { ["db1"] = [], ["db2"] = [GoodChain] }, Succeeded, "db1", "db2");
        var page = RenderPage(queries);
        Assert.Single(page.FindAll("#no-backups"));

        page.Find("#server-picker").Closest(".mud-input-control")!.MouseDown();
        page.WaitForElements(".mud-popover-open .mud-list-item").Single(item => item.TextContent.Trim() == "db2").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll(".chain-card")));
        Assert.Equal(["db1", "db2"], queries.ChainsAskedFor);
        Assert.EndsWith("/backups?server=db2", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    private static StartingBackupQueries Queries(Dictionary<string, IReadOnlyList<ChainSummary>> chains, BackupOutcome outcome, params string[] servers) =>
        new(new FakeBackupQueries(servers.Length > 0 ? servers : ["db1"], chains), outcome);

    private IRenderedComponent<IComponent> RenderPage(IBackupQueries queries)
    {
        SignInAs("olly", Engine.Access.Role.Operator);
        Services.AddSingleton(queries);
        Services.AddSingleton(new BackupEvents(NullLogger<BackupEvents>.Instance));
        Services.GetRequiredService<NavigationManager>().NavigateTo("http://localhost/backups");
        return RenderWithProviders<BackupsAndChains>();
    }
}
