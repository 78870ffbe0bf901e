using BackupDashboard.Cli.PageVerbs;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// The verbs the native bdash compiles ahead of time may reach the formats and the runtime only:
/// a reference to the engine or the catalog would pull EF Core and configuration into a program
/// that has to start in milliseconds (docs/decisions/0005-native-bdash.md).
/// </summary>
public class PageVerbsLayeringTests
{
    [Fact]
    public void Page_verbs_reference_nothing_but_the_formats_and_the_runtime()
    {
        var references = typeof(PageVerbCommands).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard")
            .ToList();

        Assert.Equal(["BackupDashboard.InnoDb"], references);
    }
}
