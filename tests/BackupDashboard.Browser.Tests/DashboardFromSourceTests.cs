using BackupDashboard.Engine.LocalServers;
using Microsoft.Playwright;

namespace BackupDashboard.Browser.Tests;

/// <summary>`dotnet run` with nothing configured: what a newcomer gets from ./run.sh.</summary>
public class DashboardFromSourceTests
{
    [Fact]
    public async Task From_dotnet_run_the_shell_loads_the_circuit_connects_and_every_asset_is_served()
    {
        await using var dashboard = await DashboardProcess.RunFromSourceAsync(sandbox: true);

        await ShellJourney.WalkAsync(dashboard);
    }

    [Fact]
    public async Task The_sandbox_server_is_listed_and_stopping_the_dashboard_stops_the_sandbox()
    {
        await using var dashboard = await DashboardProcess.RunFromSourceAsync(sandbox: true);
        using (var playwright = await Playwright.CreateAsync())
        {
            await using var browser = await Chromium.LaunchAsync(playwright);
            var page = await ShellJourney.SignInAsync(browser, dashboard);

            await page.Locator(".bd-nav").GetByText("Servers", new() { Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/servers");
            await page.WaitForSelectorAsync("#servers-grid");

            var grid = await page.InnerTextAsync("#servers-grid");
            Assert.Contains("sandbox", grid, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(dashboard.DataDir, "sandbox", "mysqld.sock"), grid, StringComparison.Ordinal);
        }

        var mariadbd = int.Parse(await File.ReadAllTextAsync(Path.Combine(dashboard.DataDir, "sandbox", "mysqld.pid")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Signals.IsAlive(mariadbd));

        await dashboard.StopAsync();

        Assert.False(Signals.IsAlive(mariadbd), "the sandbox mariadbd outlived the dashboard");
        Assert.Contains($"mariadbd {mariadbd} stopped", dashboard.Output, StringComparison.Ordinal);
    }
}
