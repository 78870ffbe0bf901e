using System.Text.RegularExpressions;

namespace BackupDashboard.Engine.Access;

/// <summary>
/// The shape of a dashboard user's name: a letter or digit first, then letters, digits, '.',
/// '_', '-' or '@', at most 64 in all. It shows in the audit log and on every page, so nothing
/// that could pass for something else (spaces, control characters, look-alike letters).
/// </summary>
public static partial class UserName
{
    public const int MaxLength = 64;

    /// <summary>Null when the name is acceptable, otherwise why not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "A user name is required.";
        }

        if (name.Length > MaxLength)
        {
            return $"A user name has at most {MaxLength} characters; this one has {name.Length}.";
        }

        return Shape().IsMatch(name)
            ? null
            : $"'{PrintableText.Of(name)}' is not a user name: start with a letter or digit, then use only letters, digits, '.', '_', '-' and '@'.";
    }

    // \z, not $: $ also matches before a final newline, which would let "name\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
