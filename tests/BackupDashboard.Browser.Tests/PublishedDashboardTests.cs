using BackupDashboard.TestSupport;

namespace BackupDashboard.Browser.Tests;

/// <summary>A published build in Production, started from an unrelated working directory.</summary>
public class PublishedDashboardTests
{
    [Fact]
    public async Task A_published_build_in_production_serves_the_shell_the_circuit_and_every_asset()
    {
        using var publishDir = new TempFolder("bdash-pub-");
        await using var dashboard = await DashboardProcess.RunPublishedAsync(publishDir.Path);

        Assert.True(File.Exists(Path.Combine(publishDir.Path, "appsettings.json")));
        Assert.Equal(await File.ReadAllBytesAsync(RepositoryRoot.Combine("wwwroot", "css", "app.css")),
            await File.ReadAllBytesAsync(Path.Combine(publishDir.Path, "wwwroot", "css", "app.css")));
        await ShellJourney.WalkAsync(dashboard);
    }
}
