using BackupDashboard.Engine.Configuration;

namespace BackupDashboard.Engine.Access;

/// <summary>
/// The dashboard's users and the rules on them (docs/access.md), for the web app and bdash alike:
/// names and passwords are checked before anything is written; a password someone else chose
/// (the first admin's, a new user's, a reset) must be changed at the user's first sign-in; a
/// password change, a role change or a removal ends the user's sessions and revokes their API
/// tokens at once; the last admin can be neither removed nor demoted.
/// </summary>
public sealed class UserAccounts(IUserStore users, ISessionStore sessions, ITokenStore tokens, DataFolder dataFolder, string firstAdminName, TimeProvider clock)
{
    /// <summary>The user whose password and role are right, or null; the same cost whether or not the user exists.</summary>
    public async Task<UserAccount?> SignInAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password) || password.Length > PasswordRules.MaxLength || UserName.Problem(name) is not null)
        {
            PasswordHashing.Verify(null, "");
            return null;
        }

        var hash = await users.PasswordHashAsync(name, cancellationToken).ConfigureAwait(false);
        return PasswordHashing.Verify(hash, password) ? await users.FindAsync(name, cancellationToken).ConfigureAwait(false) : null;
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) => users.ListAsync(cancellationToken);

    public Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken) => users.FindAsync(name, cancellationToken);

    /// <summary>
    /// Adds a user who must change the password at first sign-in. Without a password one is
    /// generated and returned, to be shown once; with one, null is returned.
    /// </summary>
    public async Task<string?> AddAsync(string? name, Role role, string? password, CancellationToken cancellationToken)
    {
        var userName = RequireName(name);
        var generated = password is null ? PasswordRules.Generate() : null;
        RequirePassword(password ?? generated, userName, "password");
        var account = new UserAccount(userName, role, MustChangePassword: true, clock.GetUtcNow(), PasswordChangedAt: null);
        if (!await users.AddAsync(account, PasswordHashing.Hash(password ?? generated!), cancellationToken).ConfigureAwait(false))
        {
            throw new AccessRefusedException("name", $"A user named '{userName}' exists already.") { IsConflict = true };
        }

        return generated;
    }

    /// <summary>The user changes their own password; every session and token of theirs ends.</summary>
    public async Task ChangeOwnPasswordAsync(string name, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(currentPassword) || await SignInAsync(name, currentPassword, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new AccessRefusedException("current_password", "The current password is wrong.");
        }

        RequirePassword(newPassword, name, "new_password");
        if (string.Equals(newPassword, currentPassword, StringComparison.Ordinal))
        {
            throw new AccessRefusedException("new_password", "The new password must differ from the current one.");
        }

        await users.SetPasswordAsync(name, PasswordHashing.Hash(newPassword!), mustChange: false, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await EndAccessAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An admin sets another user's password (generated when none is given, and returned); the
    /// user must change it at next sign-in, and their sessions and tokens end now.
    /// </summary>
    public async Task<string?> ResetPasswordAsync(string? name, string? newPassword, CancellationToken cancellationToken)
    {
        var account = await RequireExistingAsync(name, cancellationToken).ConfigureAwait(false);
        var generated = newPassword is null ? PasswordRules.Generate() : null;
        RequirePassword(newPassword ?? generated, account.Name, "password");
        await users.SetPasswordAsync(account.Name, PasswordHashing.Hash(newPassword ?? generated!), mustChange: true, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await EndAccessAsync(account.Name, cancellationToken).ConfigureAwait(false);
        return generated;
    }

    public async Task SetRoleAsync(string? name, Role role, CancellationToken cancellationToken)
    {
        var account = await RequireExistingAsync(name, cancellationToken).ConfigureAwait(false);
        if (account.Role == role)
        {
            return;
        }

        if (account.Role == Role.Admin)
        {
            await RequireAnotherAdminAsync(account.Name, "demoted", cancellationToken).ConfigureAwait(false);
        }

        await users.SetRoleAsync(account.Name, role, cancellationToken).ConfigureAwait(false);
        await EndAccessAsync(account.Name, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string? name, CancellationToken cancellationToken)
    {
        var account = await RequireExistingAsync(name, cancellationToken).ConfigureAwait(false);
        if (account.Role == Role.Admin)
        {
            await RequireAnotherAdminAsync(account.Name, "removed", cancellationToken).ConfigureAwait(false);
        }

        await users.RemoveAsync(account.Name, cancellationToken).ConfigureAwait(false);
        await EndAccessAsync(account.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes sure someone can sign in on a catalog without users: an earlier release's
    /// admin-account.json is taken over (its hash is of the same format), otherwise the first
    /// admin is created with the configured password or a generated one written to
    /// initial-admin-password (0600) for ./run.sh to show once. Either way it must be changed at
    /// first sign-in, and the plain-text file is deleted then. False when users existed already.
    /// </summary>
    public async Task<bool> EnsureFirstAdminAsync(string? configuredPassword, CancellationToken cancellationToken)
    {
        if ((await users.ListAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return false;
        }

        var name = RequireName(firstAdminName);
        var account = new UserAccount(name, Role.Admin, MustChangePassword: true, clock.GetUtcNow(), PasswordChangedAt: null);
        if (LegacyAccount.Read(dataFolder.AdminAccountFile) is { } legacy)
        {
            await users.AddAsync(account with { Name = legacy.User }, legacy.Hash, cancellationToken).ConfigureAwait(false);
            File.Delete(dataFolder.AdminAccountFile);
            return true;
        }

        string password;
        if (string.IsNullOrEmpty(configuredPassword))
        {
            password = PasswordRules.Generate();
            PrivateFile.Replace(dataFolder.InitialPasswordFile, password + "\n");
        }
        else
        {
            // A bad setting stops the start, saying which setting: nobody could sign in otherwise.
            if (PasswordRules.Problem(configuredPassword, name) is { } problem)
            {
                throw new InvalidOperationException($"BackupDashboard:AdminPassword (the first admin's password): {problem}");
            }

            password = configuredPassword;
        }

        await users.AddAsync(account, PasswordHashing.Hash(password), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task EndAccessAsync(string name, CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(name, cancellationToken).ConfigureAwait(false);
        await tokens.RevokeAllAsync(name, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (string.Equals(name, firstAdminName, StringComparison.Ordinal))
        {
            // The generated first password is no longer the password: its plain-text copy goes.
            File.Delete(dataFolder.InitialPasswordFile);
        }
    }

    private async Task<UserAccount> RequireExistingAsync(string? name, CancellationToken cancellationToken)
    {
        var userName = RequireName(name);
        return await users.FindAsync(userName, cancellationToken).ConfigureAwait(false)
            ?? throw new AccessRefusedException("name", $"There is no user named '{userName}'.") { IsMissing = true };
    }

    private async Task RequireAnotherAdminAsync(string name, string change, CancellationToken cancellationToken)
    {
        var admins = (await users.ListAsync(cancellationToken).ConfigureAwait(false)).Count(u => u.Role == Role.Admin && u.Name != name);
        if (admins == 0)
        {
            throw new AccessRefusedException("name", $"'{name}' is the last admin and cannot be {change}: make another user admin first.") { IsConflict = true };
        }
    }

    private static string RequireName(string? name) =>
        UserName.Problem(name) is { } problem ? throw new AccessRefusedException("name", problem) : name!;

    private static void RequirePassword(string? password, string user, string field)
    {
        if (PasswordRules.Problem(password, user) is { } problem)
        {
            throw new AccessRefusedException(field, problem);
        }
    }
}
