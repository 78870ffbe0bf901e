namespace BackupDashboard.Tools.Tests;

internal static class Sql
{
    /// <summary>A MariaDB string literal (default sql_mode: backslash escapes are on).</summary>
    public static string Literal(string value) =>
        "'" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal)
            .Replace("\n", @"\n", StringComparison.Ordinal).Replace("\t", @"\t", StringComparison.Ordinal) + "'";
}
