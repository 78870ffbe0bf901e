using System.Reflection;

namespace BackupDashboard.Engine.Configuration;

/// <summary>
/// Finds the folder holding the product's top-level appsettings.json and wwwroot/.
/// A published build carries them next to its assemblies; a build from source reads them
/// from the repository root, whose path the build stamps into the assembly
/// (AssemblyMetadata "BackupDashboard.SourceRoot"). The working directory never decides it:
/// a published dll started from elsewhere must still find its files.
/// </summary>
public static class ContentRootLocator
{
    public const string SourceRootKey = "BackupDashboard.SourceRoot";
    private const string SettingsFile = "appsettings.json";

    public static string Find(Assembly entryAssembly)
    {
        ArgumentNullException.ThrowIfNull(entryAssembly);
        var published = AppContext.BaseDirectory;
        if (File.Exists(Path.Combine(published, SettingsFile)))
        {
            return Path.GetFullPath(published);
        }

        var sourceRoot = entryAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == SourceRootKey)?.Value;
        if (sourceRoot is not null && File.Exists(Path.Combine(sourceRoot, SettingsFile)))
        {
            return Path.GetFullPath(sourceRoot);
        }

        throw new InvalidOperationException(
            $"Cannot find {SettingsFile}: looked next to the program ({published}) and in the source tree " +
            $"({sourceRoot ?? "not stamped into " + entryAssembly.GetName().Name}).");
    }
}
