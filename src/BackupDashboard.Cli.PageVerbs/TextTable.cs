using System.Text;

namespace BackupDashboard.Cli.PageVerbs;

/// <summary>Left-aligned columns for people; numbers are right-aligned by the caller's padding.</summary>
public static class TextTable
{
    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            text.AppendJoin("  ", row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]))).Append('\n');
        }

        return text.ToString();
    }
}
