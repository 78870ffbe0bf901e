using System.Text.Json;

namespace BackupDashboard.Engine.Access;

/// <summary>
/// admin-account.json, where releases before users and roles kept the one admin's name and
/// password hash: {"User": "...", "Hash": "..."}. Read once, to take the admin over.
/// </summary>
internal sealed record LegacyAccount(string User, string Hash)
{
    public static LegacyAccount? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var account = JsonSerializer.Deserialize<LegacyAccount>(File.ReadAllText(path));
        return account is { User.Length: > 0, Hash.Length: > 0 } && UserName.Problem(account.User) is null
            ? account
            : throw new InvalidDataException($"{path} does not hold an admin's user name and password hash; move it away to create a new admin.");
    }
}
