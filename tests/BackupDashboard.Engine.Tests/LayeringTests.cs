using System.Reflection;
using BackupDashboard.Engine.Servers;
using BackupDashboard.InnoDb;

namespace BackupDashboard.Engine.Tests;

/// <summary>
/// Dependencies point one way: InnoDb &lt;- Engine &lt;- {Catalog, Web, Cli}. The formats and
/// the engine must stay usable from any host, so they may not reference ASP.NET Core, EF Core
/// or Hangfire, not even through another assembly.
/// </summary>
public class LayeringTests
{
    private static readonly string[] ForbiddenPrefixes = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Hangfire", "MudBlazor"];

    [Theory]
    [InlineData(typeof(InnoDbAssemblyMarker))]
    [InlineData(typeof(RegisteredServer))]
    public void Formats_and_engine_reference_no_web_catalog_or_scheduler_assembly(Type typeInAssembly)
    {
        var offenders = ReferenceClosure(typeInAssembly.Assembly)
            .Where(name => ForbiddenPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.True(offenders.Count == 0, $"{typeInAssembly.Assembly.GetName().Name} reaches {string.Join(", ", offenders)}");
    }

    [Fact]
    public void InnoDb_references_nothing_but_the_runtime()
    {
        var references = typeof(InnoDbAssemblyMarker).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard")
            .ToList();

        Assert.Empty(references);
    }

    /// <summary>Every assembly reachable from <paramref name="root"/> through references.</summary>
    private static HashSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!) || name.Name!.StartsWith("System", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                foreach (var next in Assembly.Load(name).GetReferencedAssemblies())
                {
                    pending.Push(next);
                }
            }
            catch (FileNotFoundException)
            {
                // An optional dependency not shipped with the app; its name was still checked.
            }
        }

        return seen;
    }
}
