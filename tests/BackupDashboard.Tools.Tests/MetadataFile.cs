namespace BackupDashboard.Tools.Tests;

internal static class MetadataFile
{
    /// <summary>"key = value" lines of xtrabackup_checkpoints / xtrabackup_info.</summary>
    public static Dictionary<string, string> Read(string file) =>
        File.ReadAllLines(file)
            .Select(line => line.Split(" = ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
