namespace BackupDashboard.Engine.Servers;

/// <summary>
/// Encrypts secrets before they are stored (the catalog never holds a password in plain text).
/// The web app and bdash implement it with ASP.NET Core Data Protection and share its keys.
/// </summary>
public interface ISecretProtector
{
    string Protect(string secret);

    /// <summary>Decrypts; a secret that cannot be decrypted (other keys, tampering) is an error saying so.</summary>
    string Unprotect(string protectedSecret);
}
