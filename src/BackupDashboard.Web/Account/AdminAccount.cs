using System.Security.Cryptography;
using System.Text.Json;
using BackupDashboard.Engine.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BackupDashboard.Web.Account;

/// <summary>
/// The dashboard's sign-in: one administrator. On first start a random password is generated,
/// its PBKDF2 hash (ASP.NET Core Identity's PasswordHasher) is kept in admin-account.json, and
/// the password itself goes to initial-admin-password (mode 0600) for run.sh to show once.
/// Neither the password nor its file path's contents are ever logged.
/// </summary>
internal sealed class AdminAccount(DataFolder dataFolder, IOptions<BackupDashboardOptions> options)
{
    private readonly PasswordHasher<string> _hasher = new();

    public string UserName => options.Value.AdminUser;

    public void EnsureCreated()
    {
        if (File.Exists(dataFolder.AdminAccountFile))
        {
            return;
        }

        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        WritePrivate(dataFolder.InitialPasswordFile, password + "\n");
        var stored = new StoredAccount(UserName, _hasher.HashPassword(UserName, password));
        WritePrivate(dataFolder.AdminAccountFile, JsonSerializer.Serialize(stored));
    }

    public bool Verify(string? user, string? password)
    {
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password) || !File.Exists(dataFolder.AdminAccountFile))
        {
            return false;
        }

        var stored = JsonSerializer.Deserialize<StoredAccount>(File.ReadAllText(dataFolder.AdminAccountFile));
        if (stored is null)
        {
            return false;
        }

        // The hash is checked whatever the user name: a wrong name costs what a wrong password
        // costs, so the time of an answer does not tell which names exist.
        var passwordMatches = _hasher.VerifyHashedPassword(stored.User, stored.Hash, password) != PasswordVerificationResult.Failed;
        return passwordMatches & string.Equals(stored.User, user, StringComparison.Ordinal);
    }

    private static void WritePrivate(string path, string content)
    {
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(file);
        writer.Write(content);
    }

    private sealed record StoredAccount(string User, string Hash);
}
