using System.Text;

namespace BackupDashboard.Engine.Restores;

/// <summary>POSIX shell quoting for the runbook: plain words stay readable, anything else goes in single quotes.</summary>
internal static class ShellWords
{
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./,:+@%".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        // Inside single quotes nothing is special; a quote itself is closed, escaped and reopened.
        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    public static string Command(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    /// <summary>Text as "# " comment lines of at most about 100 columns (a newline in it cannot end the comment).</summary>
    public static IEnumerable<string> Comment(string text, string firstPrefix = "# ", string prefix = "# ")
    {
        var line = new StringBuilder(firstPrefix);
        var fresh = true;
        foreach (var word in text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!fresh && line.Length + 1 + word.Length > 100)
            {
                yield return line.ToString();
                line.Clear().Append(prefix);
                fresh = true;
            }

            line.Append(fresh ? string.Empty : " ").Append(word);
            fresh = false;
        }

        yield return line.ToString();
    }
}
