using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Servers;

/// <summary>
/// The global privileges each tool needs (MariaDB: "mariabackup Overview / Authentication and
/// Privileges"; Percona: "Connection and privileges needed"), and which of them a user lacks
/// according to SHOW GRANTS.
/// </summary>
public static class BackupPrivileges
{
    public static IReadOnlyList<string> Required(BackupToolKind tool) => tool == BackupToolKind.MariaBackup
        ? ["RELOAD", "PROCESS", "LOCK TABLES"]
        : ["BACKUP_ADMIN", "PROCESS", "RELOAD", "LOCK TABLES", "REPLICATION CLIENT"];

    /// <summary>Privileges from <paramref name="required"/> that no "GRANT … ON *.*" line gives.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> grants, IReadOnlyList<string> required)
    {
        var global = grants
            .Where(g => g.Contains(" ON *.* ", StringComparison.OrdinalIgnoreCase))
            .Select(g => g[..g.IndexOf(" ON *.* ", StringComparison.OrdinalIgnoreCase)])
            .Select(g => g.StartsWith("GRANT ", StringComparison.OrdinalIgnoreCase) ? g[6..] : g)
            .SelectMany(g => g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(p => p.ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return global.Contains("ALL PRIVILEGES") ? [] : required.Where(p => !global.Contains(p)).ToList();
    }
}
