using Microsoft.Playwright;

namespace BackupDashboard.Browser.Tests;

/// <summary>An operator takes a full and an incremental backup of the sandbox from the Backups &amp; chains page.</summary>
public class BackupJourneyTests
{
    private static readonly LocatorAssertionsToHaveCountOptions BackupTimeout = new() { Timeout = 120_000 };

    [Fact]
    public async Task A_full_then_an_incremental_from_the_page_make_one_valid_chain_linked_by_lsn()
    {
        await using var dashboard = await DashboardProcess.RunFromSourceAsync(sandbox: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await ShellJourney.SignInAsync(browser, dashboard);

        await page.Locator(".bd-nav").GetByText("Backups & chains", new() { Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/backups");
        await WaitForSandboxAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Server" })).ToContainTextAsync("sandbox");

        await page.ClickAsync("#start-full");
        await ExpectOutcomeAsync(page, dashboard, "Full backup");
        await Assertions.Expect(page.Locator(".chain-card tr.backup-row.backup-succeeded")).ToHaveCountAsync(1, BackupTimeout);
        await Assertions.Expect(page.Locator("#backup-progress .progress-percent")).ToHaveTextAsync("100 %", new() { Timeout = 120_000 });

        // Enabled again once the run's end has reached the page; Playwright waits for that.
        await page.ClickAsync("#start-incremental", new() { Timeout = 30_000 });
        await ExpectOutcomeAsync(page, dashboard, "Incremental backup");
        await Assertions.Expect(page.Locator(".chain-card tr.backup-row.backup-succeeded")).ToHaveCountAsync(2, BackupTimeout);
        // The bar stays at its end: 100 %, completed.
        await Assertions.Expect(page.Locator("#backup-progress .progress-percent")).ToHaveTextAsync("100 %", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#backup-progress .progress-phase")).ToHaveTextAsync("completed");

        var card = page.Locator(".chain-card");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bchain-valid\b"));
        var rows = card.Locator("tr.backup-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.Equal("full", await CellAsync(rows.Nth(0), "backup-type"));
        Assert.Equal("incremental", await CellAsync(rows.Nth(1), "backup-type"));
        Assert.Equal(await CellAsync(rows.Nth(0), "backup-id"), await CellAsync(rows.Nth(1), "backup-parent"));
        var fullToLsn = await CellAsync(rows.Nth(0), "backup-to-lsn");
        Assert.True(ulong.TryParse(fullToLsn, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _), $"to_lsn '{fullToLsn}' is not a plain integer");
        Assert.Equal(fullToLsn, await CellAsync(rows.Nth(1), "backup-from-lsn"));

        // The incremental's own page: its checkpoints as the files say them, what it needs, its log.
        var incrementalId = await CellAsync(rows.Nth(1), "backup-id");
        await rows.Nth(1).Locator("td.backup-id a").ClickAsync();
        await page.WaitForURLAsync($"**/backups/sandbox/{incrementalId}");
        await Assertions.Expect(page.Locator("#backup-checkpoints")).ToContainTextAsync("incremental");
        await Assertions.Expect(page.Locator("#backup-checkpoints")).ToContainTextAsync(fullToLsn);
        await Assertions.Expect(page.Locator("#backup-restore-point")).ToHaveTextAsync("yes");
        await Assertions.Expect(page.Locator(".backup-tables tbody tr").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#backup-log")).ToContainTextAsync("completed OK!");
        await Screenshots.SaveAsync(page, "backup-page");
        await page.GoBackAsync();
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        await Assertions.Expect(card).ToHaveCountAsync(1);

        // A full on top of a valid chain starts a new one: asked first, then a second chain.
        var firstFull = await CellAsync(rows.Nth(0), "backup-id");
        await page.ClickAsync("#start-full", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#confirm-message")).ToContainTextAsync("Start a full backup of sandbox? A new chain starts");
        await page.ClickAsync("#confirm-accept");
        await ExpectOutcomeAsync(page, dashboard, "Full backup", notMentioning: firstFull);
        await Assertions.Expect(card).ToHaveCountAsync(2, BackupTimeout);
        // Newest first: the new chain is the first card.
        await Assertions.Expect(card.Nth(0).Locator("h2")).ToHaveTextAsync("Chain 2");
        await Assertions.Expect(card.Nth(0)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bchain-valid\b"));
        await Assertions.Expect(card.Nth(0).Locator("tr.backup-row.backup-succeeded")).ToHaveCountAsync(1, BackupTimeout);

        var newestFull = await CellAsync(card.Nth(0).Locator("tr.backup-row").Nth(0), "backup-id");

        // History finds the three backups by filter, newest first, each succeeded.
        await page.Locator(".bd-nav").GetByText("History", new() { Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/history");
        await page.GotoAsync(new Uri(dashboard.BaseUrl, "/history?server=sandbox&kind=backup").ToString());
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        var history = page.Locator("#history-table tbody tr");
        await Assertions.Expect(history).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        Assert.Equal(["backup", "backup", "backup"], await history.Locator("td.run-kind").AllInnerTextsAsync());
        Assert.Equal(["succeeded", "succeeded", "succeeded"], (await history.Locator("td.run-state").AllInnerTextsAsync()).Select(t => t.Trim()));
        await Screenshots.SaveAsync(page, "history-filtered");

        // The overview: the sandbox's newest restore point is the new full; the live server answers
        // with its LSN, and the scanner counts what an incremental would copy from the datadir.
        await page.Locator(".bd-nav").GetByText("Overview", new() { Exact = true }).ClickAsync();
        var glance = page.Locator(".server-glance[data-server=sandbox]");
        await Assertions.Expect(glance.Locator(".glance-newest")).ToContainTextAsync(newestFull);
        await Assertions.Expect(glance.Locator(".glance-lsn")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\s*\d+\s*$"), new() { Timeout = 30_000 });
        await glance.Locator(".glance-predict").ClickAsync();
        await Assertions.Expect(glance.Locator(".glance-next")).ToContainTextAsync("pages (", new() { Timeout = 60_000 });
        await Screenshots.SaveAsync(page, "overview");
        await page.Locator(".bd-nav").GetByText("Backups & chains", new() { Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/backups**");

        // The newest point restored through the wizard, from its "Restore to this point" link.
        await RestoreThroughTheWizardAsync(page, dashboard, newestFull);

        // Each run was a Hangfire job on the sandbox's own queue: the signed-in operator sees all
        // three in Hangfire's dashboard; a browser that is not signed in is turned away.
        var jobs = await page.GotoAsync(new Uri(dashboard.BaseUrl, "/hangfire/jobs/succeeded").ToString());
        Assert.Equal(200, jobs!.Status);
        await Assertions.Expect(page.GetByText("Backup of sandbox (Full)")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByText("Backup of sandbox (Incremental)")).ToHaveCountAsync(1);
        await page.GetByText("Backup of sandbox (Incremental)").ClickAsync();
        await Assertions.Expect(page.Locator(".job-snippet, .state-card").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("sandbox", new() { Exact = true }).First).ToBeVisibleAsync();
        await using var stranger = await browser.NewContextAsync();
        // (A page navigation would stop at the Basic prompt headless Chromium cannot answer.)
        var denied = await stranger.APIRequest.GetAsync(new Uri(dashboard.BaseUrl, "/hangfire").ToString());
        Assert.Equal(401, denied.Status);

        // The admin gives the sandbox a schedule on the Schedules page; a bad cron is refused in words.
        await page.GotoAsync(new Uri(dashboard.BaseUrl, "/schedules").ToString());
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        var plan = page.Locator(".server-plan[data-server=sandbox]");
        await plan.Locator(".schedule-full input").FillAsync("not a cron");
        await plan.Locator(".schedule-save").ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-change")).ToContainTextAsync("full_cron");
        await plan.Locator(".schedule-full input").FillAsync("0 3 * * *");
        await plan.Locator(".schedule-incremental input").FillAsync("0 */6 * * *");
        await plan.Locator(".schedule-save").ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-change")).ToContainTextAsync("schedule is set");
        await Assertions.Expect(plan.Locator(".schedule-next")).ToContainTextAsync("full ");
        await Screenshots.SaveAsync(page, "schedules");

        // A viewer, made by the admin, sees the same chains but not the buttons' power.
        await ViewerSeesButNotStartsAsync(browser, dashboard);

        await AddAndTestAServerAsync(page, dashboard);

        await RetentionFromTheSchedulesPageAsync(page, dashboard, firstFull);
    }

    /// <summary>
    /// The admin keeps one chain: the preview names the older chain and deletes nothing, the run
    /// asks first and then deletes it, and the page lists the deletion.
    /// </summary>
    private static async Task RetentionFromTheSchedulesPageAsync(IPage page, DashboardProcess dashboard, string olderFull)
    {
        await page.GotoAsync(new Uri(dashboard.BaseUrl, "/schedules").ToString());
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        var plan = page.Locator(".server-plan[data-server=sandbox]");
        await plan.Locator(".retention-keep-chains input").FillAsync("1");
        await plan.Locator(".retention-save").ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-change")).ToContainTextAsync("keeps keep 1 chain");

        await plan.Locator(".retention-preview").ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-change")).ToContainTextAsync($"would delete the chain of {olderFull}", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#schedule-change")).ToContainTextAsync("Nothing was deleted.");
        Assert.True(Directory.Exists(Path.Combine(dashboard.DataDir, "backups", "sandbox", olderFull)));

        await plan.Locator(".retention-run").ClickAsync();
        await Assertions.Expect(page.Locator("#confirm-message")).ToContainTextAsync($"would delete the chain of {olderFull}");
        await page.ClickAsync("#confirm-accept");
        await Assertions.Expect(page.Locator("#schedule-change")).ToContainTextAsync($"Retention deleted the chain of {olderFull}", new() { Timeout = 30_000 });
        await Assertions.Expect(plan.Locator("tr.retention-deletion")).ToContainTextAsync(olderFull);
        Assert.False(Directory.Exists(Path.Combine(dashboard.DataDir, "backups", "sandbox", olderFull)));
        await Screenshots.SaveAsync(page, "schedules-retention");
    }

    /// <summary>
    /// The admin registers a server on the Servers page (the sandbox again, by its socket, under
    /// another name) and tests it: the live report names the server's version and page size.
    /// </summary>
    private static async Task AddAndTestAServerAsync(IPage page, DashboardProcess dashboard)
    {
        await page.GotoAsync(new Uri(dashboard.BaseUrl, "/servers").ToString());
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        await page.ClickAsync("#add-server");
        await page.FillAsync("#server-name", "sandbox-again");
        await page.GetByText("Unix socket", new() { Exact = true }).ClickAsync();
        await page.FillAsync("#server-socket", Path.Combine(dashboard.DataDir, "sandbox", "mysqld.sock"));
        await page.FillAsync("#server-user", "root");
        await page.FillAsync("#server-datadir", Path.Combine(dashboard.DataDir, "sandbox"));
        await page.ClickAsync("#save-server");
        await Assertions.Expect(page.Locator("#server-change")).ToContainTextAsync("sandbox-again");
        var row = page.Locator("tr.server-row[data-server=sandbox-again]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator(".server-test").ClickAsync();
        var report = page.Locator("tr.server-test-result[data-server=sandbox-again]");
        await Assertions.Expect(report.Locator(".report-version")).ToContainTextAsync("MariaDB", new() { Timeout = 30_000 });
        await Assertions.Expect(report.Locator(".report-page-size")).ToHaveTextAsync("16384");
        await Screenshots.SaveAsync(page, "servers-added-and-tested");
    }

    /// <summary>
    /// The wizard from a chain's "Restore to this point": options, the preflight and the plan
    /// (mariabackup 10.11 prepares without --apply-log-only), a wrong typed datadir keeps the
    /// start disabled, the run goes in the background, verifies, and ends with the data in place
    /// and the next commands; mariadbd started on the result as mysql serves the sample data; the
    /// page found again by its address shows the same ended run.
    /// </summary>
    private static async Task RestoreThroughTheWizardAsync(IPage page, DashboardProcess dashboard, string newestFull)
    {
        // Open to the server's own user, as /var/lib is: the check server and the one started after run as mysql.
        using var target = BackupDashboard.TestSupport.RestoredServer.OpenFolder("bdash-wizard-");
        var datadir = Path.Combine(target.Path, "restored");
        await page.Locator($"tr.backup-row[data-backup-id='{newestFull}'] a.restore-here").ClickAsync();
        await page.WaitForURLAsync("**/restore?server=sandbox&point=*");
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        // A keyboard user reaches the menu, then the wizard's controls in reading order.
        await KeyboardOrder.CheckAsync(page, ShellJourney.MenuItems, stops: 30);
        await page.FillAsync("#restore-datadir", datadir);
        await page.ClickAsync("#run-preflight");

        await Assertions.Expect(page.Locator(".preflight-pass").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator(".restore-step[data-kind=prepare]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#preflight-tool")).ToContainTextAsync("The tool is found: mariabackup 10.");
        var prepare = await page.Locator(".restore-step[data-kind=prepare] code").InnerTextAsync();
        Assert.Contains("--prepare", prepare, StringComparison.Ordinal);
        Assert.DoesNotContain("--apply-log-only", prepare, StringComparison.Ordinal);
        await page.ClickAsync("#to-confirm");
        await page.FillAsync("#confirm-datadir", datadir + "x");
        await Assertions.Expect(page.Locator("#start-restore")).ToBeDisabledAsync();
        await page.FillAsync("#confirm-datadir", datadir);
        await page.ClickAsync("#start-restore");

        await page.WaitForURLAsync("**/restore?run=*");
        await Assertions.Expect(page.Locator("#run-state")).ToHaveTextAsync("succeeded", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#next-commands")).ToContainTextAsync($"--datadir={datadir}");
        await Assertions.Expect(page.Locator("#run-verify")).ToContainTextAsync("tables checked, 0 with problems");
        Assert.False(Directory.Exists(datadir + ".restore-work"));
        // What the next commands say: a server started on the result under its own user serves the data.
        Assert.Equal("2000", await BackupDashboard.TestSupport.RestoredServer.ScalarAsync(datadir, "mysql", "SELECT COUNT(*) FROM shop.customers"));

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#run-state")).ToHaveTextAsync("succeeded", new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "restore-run-succeeded");

        await WizardAtPhoneWidthAsync(page.Context.Browser!, dashboard, newestFull);
    }

    /// <summary>
    /// The wizard on a 390 px wide phone: the menu starts closed and opens over the page, and the
    /// plan is reached and readable without a horizontal scroll of the whole page.
    /// </summary>
    private static async Task WizardAtPhoneWidthAsync(IBrowser browser, DashboardProcess dashboard, string point)
    {
        await using var phone = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(new Uri(dashboard.BaseUrl, $"/restore?server=sandbox&point={point}").ToString());
        await ShellJourney.SignInAsAsync(page, "admin", dashboard.AdminPassword!);
        await page.WaitForURLAsync("**/restore?server=sandbox&point=*");
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });

        await Assertions.Expect(page.Locator("#sidebar")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"mud-drawer--closed"));
        await page.ClickAsync("#sidebar-toggle");
        await Assertions.Expect(page.Locator("#sidebar")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"mud-drawer--open"));
        await Assertions.Expect(page.Locator(".mud-overlay")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "phone-menu-open");
        await page.Locator(".mud-overlay").ClickAsync(new() { Position = new() { X = 360, Y = 700 } });
        await Assertions.Expect(page.Locator("#sidebar")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"mud-drawer--closed"));

        using var target = new BackupDashboard.TestSupport.TempFolder("bdash-phone-");
        await page.FillAsync("#restore-datadir", Path.Combine(target.Path, "restored"));
        await page.ClickAsync("#run-preflight");
        await Assertions.Expect(page.Locator(".restore-step[data-kind=prepare]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        await Screenshots.SaveAsync(page, "phone-restore-plan");
        Assert.False(overflow, "the plan at 390 px makes the whole page scroll sideways");
    }

    /// <summary>
    /// A viewer signs in (choosing a password first), finds the backup buttons disabled with the
    /// reason beside them, no Restore in the menu, and the restore page turned down in words.
    /// </summary>
    private static async Task ViewerSeesButNotStartsAsync(IBrowser browser, DashboardProcess dashboard)
    {
        await using var admin = await browser.NewContextAsync(new()
        {
            HttpCredentials = new() { Username = "admin", Password = dashboard.AdminPassword!, Send = HttpCredentialsSend.Always },
        });
        var added = await admin.APIRequest.PostAsync(new Uri(dashboard.BaseUrl, "/api/users").ToString(),
            new() { DataObject = new { name = "vera", role = "viewer", password = "given-by-the-admin" } });
        Assert.Equal(201, added.Status);

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(dashboard.BaseUrl, "/backups").ToString());
        await ShellJourney.SignInFirstTimeAsync(page, "vera", "given-by-the-admin");
        await page.WaitForURLAsync("**/backups");
        await page.WaitForSelectorAsync("#server-picker", new() { State = WaitForSelectorState.Attached });

        await Assertions.Expect(page.Locator("#start-full")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#start-incremental")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#backup-not-allowed")).ToHaveTextAsync("Starting a backup needs the operator role or higher; vera is a viewer.");
        await Screenshots.SaveAsync(page, "viewer-backups");
        await Assertions.Expect(page.Locator(".chain-card")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".bd-nav").GetByText("Restore", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".bd-nav").GetByText("Users & tokens", new() { Exact = true })).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(dashboard.BaseUrl, "/schedules").ToString());
        await Assertions.Expect(page.Locator(".server-plan[data-server=sandbox] .schedule-next")).ToContainTextAsync("full ");
        await Assertions.Expect(page.Locator(".schedule-not-allowed")).ToContainTextAsync("needs the admin role; vera is a viewer");
        await Assertions.Expect(page.Locator(".schedule-save")).ToHaveCountAsync(0);

        await page.GotoAsync(new Uri(dashboard.BaseUrl, "/restore").ToString());
        await Assertions.Expect(page.Locator("#denied-reason")).ToContainTextAsync("vera is a viewer and cannot open /restore");
    }

    /// <summary>Waits for the run's notification and fails with its words (and the dashboard's log) unless it succeeded.</summary>
    /// <param name="notMentioning">A word of an earlier notification of the same kind that may still be on screen.</param>
    private static async Task ExpectOutcomeAsync(IPage page, DashboardProcess dashboard, string kind, string? notMentioning = null)
    {
        var outcome = page.Locator(".mud-snackbar")
            .Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"{kind} (succeeded|failed|refused)"), HasNotText = notMentioning }).First;
        await outcome.WaitForAsync(new() { Timeout = 120_000 });
        var text = await outcome.InnerTextAsync();
        Assert.True(text.Contains($"{kind} succeeded", StringComparison.Ordinal), $"{text}{Environment.NewLine}{dashboard.Output}");
    }

    /// <summary>
    /// The sandbox registers itself in the background after the dashboard answers; on a busy
    /// machine the page can load first and say no server is registered. An operator reloads.
    /// </summary>
    private static async Task WaitForSandboxAsync(IPage page)
    {
        var picker = page.Locator("#server-picker");
        for (var attempt = 0; attempt < 30 && !await PickerShownAsync(page, picker); attempt++)
        {
            await page.WaitForTimeoutAsync(1_000);
            await page.ReloadAsync();
            await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        }
    }

    /// <summary>True once the picker is there, false if the page says there is no server.</summary>
    private static async Task<bool> PickerShownAsync(IPage page, ILocator picker)
    {
        await picker.Or(page.Locator("#no-servers")).First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return await picker.CountAsync() > 0;
    }

    private static async Task<string> CellAsync(ILocator row, string column) => (await row.Locator($"td.{column}").InnerTextAsync()).Trim();
}
