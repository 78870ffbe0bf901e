using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace BackupDashboard.Browser.Tests;

/// <summary>
/// The journey both browser tests walk: sign in, see the shell, wait for the interactive
/// circuit, click something that only works over the circuit, and check every asset the page
/// loaded (blazor.web.js, MudBlazor's CSS and JS, our own wwwroot) came back 200 and non-empty.
/// </summary>
internal static class ShellJourney
{
    /// <summary>The navigation's entries; each page's heading says the same.</summary>
    public static readonly string[] MenuItems = ["Overview", "Servers", "Backups & chains", "Restore", "Schedules", "History", "Users & tokens", "Notifications", "Audit", "Settings"];

    public static async Task WalkAsync(DashboardProcess dashboard)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var responses = new ConcurrentQueue<IResponse>();
        page.Response += (_, response) => responses.Enqueue(response);

        await page.GotoAsync(dashboard.BaseUrl.ToString());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await SignInOnPageAsync(page, dashboard);
        Assert.Equal(new Uri(dashboard.BaseUrl, "/").ToString(), page.Url);
        foreach (var item in MenuItems)
        {
            Assert.True(await page.Locator(".bd-nav").GetByText(item, new() { Exact = true }).IsVisibleAsync(), $"menu item {item}");
        }

        // Only the circuit can run this click: the health table appears without a page load.
        Assert.Equal(0, await page.Locator("#health-report").CountAsync());
        await page.ClickAsync("#check-health");
        await page.WaitForSelectorAsync("#health-report", new() { Timeout = 30_000 });
        var health = await page.InnerTextAsync("#health-report");
        Assert.Contains("healthy", health, StringComparison.Ordinal);
        Assert.Contains("mariabackup", health, StringComparison.Ordinal);

        // MudBlazor's files may carry a fingerprint before their extension. Each body must be the
        // real file: something only that file says, and more than a stub's worth of it.
        foreach (var (prefix, extension, marker, minBytes) in new[]
        {
            ("/_framework/blazor.web", ".js", "Blazor", 100_000),
            ("/_content/MudBlazor/MudBlazor.min", ".css", ".mud-button-root", 100_000),
            ("/_content/MudBlazor/MudBlazor.min", ".js", "mudKeyInterceptor", 20_000),
            ("/css/app", ".css", ".bd-", 100),
            ("/favicon", ".svg", "<svg", 50),
        })
        {
            await AssertAssetAsync(page, responses, prefix, extension, marker, minBytes);
        }

        await page.CloseAsync();
    }

    public static async Task<IPage> SignInAsync(IBrowser browser, DashboardProcess dashboard)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(dashboard.BaseUrl.ToString());
        await SignInOnPageAsync(page, dashboard);
        return page;
    }

    /// <summary>
    /// Signs the admin in on the sign-in page. The first time, the generated password leads to
    /// the password change, as it does for an operator, and the chosen one is kept for later.
    /// </summary>
    private static async Task SignInOnPageAsync(IPage page, DashboardProcess dashboard)
    {
        if (dashboard.AdminPassword is { } chosen)
        {
            await SignInAsAsync(page, "admin", chosen);
        }
        else
        {
            dashboard.AdminPassword = await SignInFirstTimeAsync(page, "admin", dashboard.InitialPassword);
        }
    }

    /// <summary>Signs a user in whose password is their own, and waits for the circuit.</summary>
    public static async Task SignInAsAsync(IPage page, string user, string password)
    {
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
    }

    /// <summary>Signs in with a password someone else chose, is sent to change it, does; the new password.</summary>
    public static async Task<string> SignInFirstTimeAsync(IPage page, string user, string given)
    {
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", given);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#must-change", new() { Timeout = 30_000 });
        var chosen = $"chosen-{Guid.NewGuid():N}";
        await page.FillAsync("#current-password", given);
        await page.FillAsync("#new-password", chosen);
        await page.FillAsync("#repeat-password", chosen);
        await page.ClickAsync("#change-password");
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        return chosen;
    }

    /// <summary>
    /// The page loaded the asset with 200, and its body is the real file (a published app started
    /// from the wrong folder answers 200 with 0 bytes). The body is fetched again through the
    /// browser context: Chromium drops the bodies of earlier documents' responses.
    /// </summary>
    private static async Task AssertAssetAsync(IPage page, IEnumerable<IResponse> responses, string pathPrefix, string extension, string marker, int minBytes)
    {
        var response = responses.LastOrDefault(r => new Uri(r.Url).AbsolutePath is var path
            && path.StartsWith(pathPrefix, StringComparison.Ordinal) && path.EndsWith(extension, StringComparison.Ordinal));
        Assert.True(response is not null, $"the page never requested {pathPrefix}*{extension}; it requested: {string.Join(", ", responses.Select(r => r.Url))}");
        // 304: revalidated against the copy the sign-in page already loaded.
        Assert.True(response.Status is 200 or 304, $"{response.Url} answered {response.Status}");
        var again = await page.Context.APIRequest.GetAsync(response.Url);
        Assert.True(again.Status == 200, $"{response.Url} answered {again.Status} when fetched again");
        var body = await again.BodyAsync();
        Assert.True(body.Length >= minBytes, $"{response.Url} came back with {body.Length} bytes");
        Assert.Contains(marker, System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }
}
