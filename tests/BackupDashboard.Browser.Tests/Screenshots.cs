using BackupDashboard.TestSupport;
using Microsoft.Playwright;

namespace BackupDashboard.Browser.Tests;

/// <summary>
/// Full-page screenshots kept as test artifacts in artifacts/screenshots/ of the repository
/// (ignored by git; CI keeps the folder), so a reviewer sees what the journey saw.
/// </summary>
internal static class Screenshots
{
    public static string Folder => RepositoryRoot.Combine("artifacts", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }
}
