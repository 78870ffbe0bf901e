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
    public static async Task WalkAsync(DashboardProcess dashboard)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var responses = new ConcurrentQueue<IResponse>();
        page.Response += (_, response) => responses.Enqueue(response);

        await page.GotoAsync(dashboard.BaseUrl.ToString());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#user", "admin");
        await page.FillAsync("#password", dashboard.InitialPassword);
        await page.ClickAsync("#sign-in");

        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        Assert.Equal(new Uri(dashboard.BaseUrl, "/").ToString(), page.Url);
        foreach (var item in new[] { "Overview", "Servers", "Backups & chains", "Restore", "Schedules", "Jobs", "Settings" })
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

        // MudBlazor's files may carry a fingerprint before their extension.
        foreach (var (prefix, extension) in new[] { ("/_framework/blazor.web", ".js"), ("/_content/MudBlazor/MudBlazor.min", ".css"), ("/_content/MudBlazor/MudBlazor.min", ".js"), ("/css/app", ".css"), ("/favicon", ".svg") })
        {
            await AssertAssetAsync(page, responses, prefix, extension);
        }

        await page.CloseAsync();
    }

    public static async Task<IPage> SignInAsync(IBrowser browser, DashboardProcess dashboard)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(dashboard.BaseUrl.ToString());
        await page.FillAsync("#user", "admin");
        await page.FillAsync("#password", dashboard.InitialPassword);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync(".bd-shell[data-circuit=connected]", new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>
    /// The page loaded the asset with 200, and its body is not empty. The body is fetched again
    /// through the browser context: Chromium drops the bodies of earlier documents' responses.
    /// </summary>
    private static async Task AssertAssetAsync(IPage page, IEnumerable<IResponse> responses, string pathPrefix, string extension)
    {
        var response = responses.LastOrDefault(r => new Uri(r.Url).AbsolutePath is var path
            && path.StartsWith(pathPrefix, StringComparison.Ordinal) && path.EndsWith(extension, StringComparison.Ordinal));
        Assert.True(response is not null, $"the page never requested {pathPrefix}*{extension}; it requested: {string.Join(", ", responses.Select(r => r.Url))}");
        // 304: revalidated against the copy the sign-in page already loaded.
        Assert.True(response.Status is 200 or 304, $"{response.Url} answered {response.Status}");
        var again = await page.Context.APIRequest.GetAsync(response.Url);
        Assert.True(again.Status == 200, $"{response.Url} answered {again.Status} when fetched again");
        var body = await again.BodyAsync();
        Assert.True(body.Length > 0, $"{response.Url} came back empty");
    }
}
