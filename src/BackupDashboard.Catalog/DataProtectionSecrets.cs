using System.Security.Cryptography;
using BackupDashboard.Engine.Servers;
using Microsoft.AspNetCore.DataProtection;

namespace BackupDashboard.Catalog;

/// <summary>
/// Server passwords encrypted with ASP.NET Core Data Protection before they reach the catalog.
/// The web app and bdash both use keys in &lt;DataDir&gt;/keys with application name
/// "BackupDashboard", so each can read what the other stored.
/// </summary>
public sealed class DataProtectionSecrets(IDataProtectionProvider provider) : ISecretProtector
{
    public const string ApplicationName = "BackupDashboard";
    private readonly IDataProtector _protector = provider.CreateProtector("BackupDashboard.ServerPasswords.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret)
    {
        try
        {
            return _protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "A stored server password cannot be decrypted: the data folder's keys/ are not the ones it was stored with.", e);
        }
    }
}
