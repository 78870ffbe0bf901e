using System.Security.Cryptography;
using BackupDashboard.Engine.Servers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Catalog;

/// <summary>
/// Server passwords encrypted with ASP.NET Core Data Protection before they reach the catalog.
/// The web app and bdash both use keys in &lt;DataDir&gt;/keys with application name
/// "BackupDashboard", so each can read what the other stored.
/// The provider (key manager, key ring, XML repository) is built on first use only: most bdash
/// verbs never touch a password, and each is a new process.
/// </summary>
public sealed class DataProtectionSecrets(IServiceProvider services) : ISecretProtector
{
    public const string ApplicationName = "BackupDashboard";
    private readonly Lazy<IDataProtector> _protector = new(() =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("BackupDashboard.ServerPasswords.v1"));

    public string Protect(string secret) => _protector.Value.Protect(secret);

    public string Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Value.Unprotect(protectedSecret);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "A stored server password cannot be decrypted: the data folder's keys/ are not the ones it was stored with.", e);
        }
    }
}
