using System.Text;

namespace BackupDashboard.Engine.Tools;

/// <summary>
/// What to run. Arguments never contain a secret: credentials travel in a
/// <see cref="CredentialsFile"/>, so the whole command line may be shown, logged and stored.
/// </summary>
public sealed record ToolInvocation(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>The command as an operator would type it in a POSIX shell (for manifests and logs).</summary>
    public string CommandLine => string.Join(' ', new[] { Program }.Concat(Arguments).Select(ShellQuote));

    private static string ShellQuote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./,:+@%".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        var quoted = new StringBuilder("'");
        quoted.Append(word.Replace("'", "'\\''", StringComparison.Ordinal));
        return quoted.Append('\'').ToString();
    }
}
