using System.Text.RegularExpressions;

namespace BackupDashboard.Engine.Servers;

/// <summary>
/// The shape of a server's name. It becomes a folder of the backup repository and a job queue,
/// so it is one path segment of plain characters: a letter or digit first, then letters, digits,
/// '.', '_' or '-', at most 64 in all (docs/server-names.md). Everything else — empty, blank,
/// "..", slashes, control characters, spaces, anything longer — is refused before anything is
/// written.
/// </summary>
public static partial class ServerName
{
    public const int MaxLength = 64;

    /// <summary>Null when the name is acceptable, otherwise why not, in words an operator can act on.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "A server name is required.";
        }

        if (name.Length > MaxLength)
        {
            return $"A server name has at most {MaxLength} characters; this one has {name.Length}.";
        }

        return Shape().IsMatch(name)
            ? null
            : $"'{PrintableText.Of(name)}' is not a server name: start with a letter or digit, then use only letters, digits, '.', '_' and '-'.";
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a name <see cref="Problem"/> refuses.</summary>
    public static string Require(string? name) =>
        Problem(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : name!;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
