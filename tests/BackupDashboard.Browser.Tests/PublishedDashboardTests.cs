using BackupDashboard.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackupDashboard.Browser.Tests;

/// <summary>A published build in Production, started from an unrelated working directory.</summary>
public class PublishedDashboardTests(ITestOutputHelper output)
{
    /// <summary>The goal for the dashboard's memory once an operator has looked around and left it idle.</summary>
    private const long IdleRssGoalBytes = 250L * 1024 * 1024;

    [Fact]
    public async Task A_published_build_in_production_serves_the_shell_the_circuit_and_every_asset()
    {
        using var publishDir = new TempFolder("bdash-pub-");
        await using var dashboard = await DashboardProcess.RunPublishedAsync(publishDir.Path);

        Assert.True(File.Exists(Path.Combine(publishDir.Path, "appsettings.json")));
        Assert.Equal(await File.ReadAllBytesAsync(RepositoryRoot.Combine("wwwroot", "css", "app.css")),
            await File.ReadAllBytesAsync(Path.Combine(publishDir.Path, "wwwroot", "css", "app.css")));
        await ShellJourney.WalkAsync(dashboard);

        // Idle memory after an operator signed in and opened every page once (README, "Measured").
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await ShellJourney.SignInAsync(browser, dashboard);
        foreach (var item in ShellJourney.MenuItems)
        {
            await page.Locator(".bd-nav").GetByText(item, new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(item);
        }

        await Task.Delay(TimeSpan.FromSeconds(10));
        var rss = dashboard.ResidentBytes();
        output.WriteLine($"Idle RSS of the published dashboard after sign-in and every page: {rss / (1024.0 * 1024):0} MB");
        Assert.True(rss < IdleRssGoalBytes, $"idle RSS {rss / (1024 * 1024)} MB is over the {IdleRssGoalBytes / (1024 * 1024)} MB goal");
    }
}
