using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

/// <summary>Small stand-ins for a backup tool: bash one-liners that print, exit, hang and trap signals.</summary>
internal static class Dummy
{
    public static ToolInvocation Bash(string script) => new("bash", ["-c", script]);

    /// <summary>Collects lines from the pump threads.</summary>
    public sealed class Lines
    {
        private readonly List<string> _lines = [];

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }

        public IReadOnlyList<string> Snapshot()
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }
}
