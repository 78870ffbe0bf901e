using Microsoft.Playwright;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Browser.Tests;

/// <summary>Debian's Chromium under Playwright: nothing is downloaded, nothing leaves loopback.</summary>
internal static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = RequiredTool.Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
}
