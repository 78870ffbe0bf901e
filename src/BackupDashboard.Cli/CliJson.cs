using System.Text.Json;

namespace BackupDashboard.Cli;

/// <summary>One JSON style for every --json output: snake_case, indented, nulls kept.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };
}
