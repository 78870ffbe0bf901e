using System.Globalization;

namespace BackupDashboard.TestSupport;

/// <summary>What /proc says about the machine's processes: parents, names, command lines.</summary>
public static class ProcessTable
{
    /// <summary>Every readable process and its parent (field 4 of /proc/PID/stat, after the name in parentheses).</summary>
    public static IReadOnlyDictionary<int, int> Parents()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // It ended while we looked.
            }
        }

        return parents;
    }

    /// <summary>The process and all its descendants.</summary>
    public static IReadOnlyList<int> Tree(int root)
    {
        var parents = Parents();
        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(parents.Where(p => p.Value == tree[i]).Select(p => p.Key));
        }

        return tree;
    }

    /// <summary>The program name (/proc/PID/comm), or "" when the process is gone.</summary>
    public static string Name(int pid) => Read(pid, "comm").Trim();

    /// <summary>The argv, NUL-separated as the kernel keeps it, or "" when the process is gone.</summary>
    public static string CommandLine(int pid) => Read(pid, "cmdline");

    private static string Read(int pid, string file)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/{file}");
        }
        catch (IOException)
        {
            return "";
        }
    }
}
