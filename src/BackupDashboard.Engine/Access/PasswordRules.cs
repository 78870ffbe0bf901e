namespace BackupDashboard.Engine.Access;

/// <summary>
/// What a dashboard password must be: 12 to 256 characters, not the user's name. Length is what
/// makes a password hard to guess; no rules about character classes, which only make people
/// write passwords down (NIST SP 800-63B, 5.1.1).
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    public static string? Problem(string? password, string user)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }

        if (password.Length < MinLength)
        {
            return $"A password has at least {MinLength} characters.";
        }

        if (password.Length > MaxLength)
        {
            return $"A password has at most {MaxLength} characters.";
        }

        if (password.Any(char.IsControl))
        {
            return "A password cannot hold control characters.";
        }

        return string.Equals(password, user, StringComparison.OrdinalIgnoreCase) ? "A password cannot be the user's name." : null;
    }

    /// <summary>A random password for a new user or a reset: 20 characters without look-alikes (about 117 bits).</summary>
    public static string Generate() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
}
