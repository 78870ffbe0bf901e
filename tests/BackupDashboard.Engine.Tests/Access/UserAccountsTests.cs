using BackupDashboard.Engine.Access;

namespace BackupDashboard.Engine.Tests.Access;

public sealed class UserAccountsTests : IDisposable
{
    private const string Chosen = "chosen by the admin";
    private const string Own = "my very own passphrase";

    private readonly AccessFixture _access = new();

    private UserAccounts Accounts => _access.Accounts;

    [Fact]
    public async Task A_new_user_must_change_the_password_whether_it_was_generated_or_given()
    {
        var generated = await Accounts.AddAsync("alice", Role.Admin, null, CancellationToken.None);
        var given = await Accounts.AddAsync("bob", Role.Viewer, Chosen, CancellationToken.None);

        Assert.NotNull(generated);
        Assert.Null(given);
        Assert.Null(PasswordRules.Problem(generated, "alice"));
        var alice = await Accounts.SignInAsync("alice", generated, CancellationToken.None);
        var bob = await Accounts.SignInAsync("bob", Chosen, CancellationToken.None);
        Assert.Equal((Role.Admin, true, _access.Clock.Now, (DateTimeOffset?)null), (alice!.Role, alice.MustChangePassword, alice.CreatedAt, alice.PasswordChangedAt));
        Assert.Equal((Role.Viewer, true), (bob!.Role, bob.MustChangePassword));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("")]
    [InlineData("bob\n")]
    [InlineData("two words")]
    public async Task A_name_that_is_not_one_is_refused_before_anything_is_stored(string name)
    {
        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.AddAsync(name, Role.Viewer, Chosen, CancellationToken.None));

        Assert.Equal(("name", false), (refused.Field, refused.IsConflict));
        Assert.Empty(await Accounts.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_password_that_breaks_the_rules_is_refused_and_a_taken_name_is_a_conflict()
    {
        var tooShort = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.AddAsync("alice", Role.Viewer, "short", CancellationToken.None));
        var ownName = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.AddAsync("alice.example", Role.Viewer, "ALICE.EXAMPLE", CancellationToken.None));
        Assert.Equal(("password", "password"), (tooShort.Field, ownName.Field));
        Assert.Empty(await Accounts.ListAsync(CancellationToken.None));

        await Accounts.AddAsync("alice", Role.Admin, Chosen, CancellationToken.None);
        var taken = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.AddAsync("alice", Role.Viewer, "another password", CancellationToken.None));
        Assert.Equal(("name", true), (taken.Field, taken.IsConflict));
        Assert.NotNull(await Accounts.SignInAsync("alice", Chosen, CancellationToken.None));
    }

    [Fact]
    public async Task A_reset_must_be_changed_at_next_sign_in_and_ends_the_users_sessions_and_tokens()
    {
        await Accounts.AddAsync("alice", Role.Admin, Chosen, CancellationToken.None);
        await Accounts.ChangeOwnPasswordAsync("alice", Chosen, Own, CancellationToken.None);
        var session = await _access.Sessions.StartAsync("alice", "203.0.113.7", CancellationToken.None);
        var (_, secret) = await _access.Tokens.CreateAsync("ci", Role.Operator, "alice", CancellationToken.None);
        _access.Clock.Now += TimeSpan.FromHours(1);

        var generated = await Accounts.ResetPasswordAsync("alice", null, CancellationToken.None);

        Assert.Null(await Accounts.SignInAsync("alice", Own, CancellationToken.None));
        var alice = await Accounts.SignInAsync("alice", generated, CancellationToken.None);
        Assert.Equal((true, _access.Clock.Now), (alice!.MustChangePassword, alice.PasswordChangedAt));
        Assert.False(await _access.Sessions.IsLiveAsync(session, "alice", CancellationToken.None));
        Assert.Null(await _access.Tokens.AuthenticateAsync(secret, CancellationToken.None));

        Assert.Null(await Accounts.ResetPasswordAsync("alice", Chosen, CancellationToken.None));
        Assert.True((await Accounts.SignInAsync("alice", Chosen, CancellationToken.None))!.MustChangePassword);
        var missing = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.ResetPasswordAsync("nobody", null, CancellationToken.None));
        Assert.Equal(("name", true), (missing.Field, missing.IsMissing));
    }

    [Fact]
    public async Task Changing_ones_own_password_clears_the_forced_change_and_ends_every_session_and_token_of_that_user_only()
    {
        await Accounts.AddAsync("alice", Role.Admin, Chosen, CancellationToken.None);
        await Accounts.AddAsync("bob", Role.Admin, Chosen, CancellationToken.None);
        string[] aliceSessions = [await _access.Sessions.StartAsync("alice", null, CancellationToken.None), await _access.Sessions.StartAsync("alice", null, CancellationToken.None)];
        var bobSession = await _access.Sessions.StartAsync("bob", null, CancellationToken.None);
        var (_, aliceToken) = await _access.Tokens.CreateAsync("alice's", Role.Viewer, "alice", CancellationToken.None);
        var (_, bobToken) = await _access.Tokens.CreateAsync("bob's", Role.Viewer, "bob", CancellationToken.None);
        _access.Clock.Now += TimeSpan.FromMinutes(5);

        await Accounts.ChangeOwnPasswordAsync("alice", Chosen, Own, CancellationToken.None);

        var alice = await Accounts.SignInAsync("alice", Own, CancellationToken.None);
        Assert.Equal((false, _access.Clock.Now), (alice!.MustChangePassword, alice.PasswordChangedAt));
        Assert.Null(await Accounts.SignInAsync("alice", Chosen, CancellationToken.None));
        foreach (var session in aliceSessions)
        {
            Assert.False(await _access.Sessions.IsLiveAsync(session, "alice", CancellationToken.None));
        }

        Assert.Null(await _access.Tokens.AuthenticateAsync(aliceToken, CancellationToken.None));
        Assert.True(await _access.Sessions.IsLiveAsync(bobSession, "bob", CancellationToken.None));
        Assert.NotNull(await _access.Tokens.AuthenticateAsync(bobToken, CancellationToken.None));
    }

    [Theory]
    [InlineData("wrong password!")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_wrong_current_password_is_refused_naming_current_password_and_changes_nothing(string? current)
    {
        await Accounts.AddAsync("alice", Role.Admin, Chosen, CancellationToken.None);
        var session = await _access.Sessions.StartAsync("alice", null, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.ChangeOwnPasswordAsync("alice", current, Own, CancellationToken.None));

        Assert.Equal("current_password", refused.Field);
        Assert.NotNull(await Accounts.SignInAsync("alice", Chosen, CancellationToken.None));
        Assert.Null(await Accounts.SignInAsync("alice", Own, CancellationToken.None));
        Assert.True(await _access.Sessions.IsLiveAsync(session, "alice", CancellationToken.None));
    }

    [Fact]
    public async Task A_new_password_that_is_the_current_one_or_breaks_the_rules_is_refused_naming_new_password()
    {
        await Accounts.AddAsync("alice", Role.Admin, Chosen, CancellationToken.None);

        var same = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.ChangeOwnPasswordAsync("alice", Chosen, Chosen, CancellationToken.None));
        var tooShort = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.ChangeOwnPasswordAsync("alice", Chosen, "short", CancellationToken.None));

        Assert.Equal(("new_password", "new_password"), (same.Field, tooShort.Field));
        Assert.True((await Accounts.SignInAsync("alice", Chosen, CancellationToken.None))!.MustChangePassword);
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_removed_nor_demoted_until_there_is_another()
    {
        await Accounts.AddAsync("alice", Role.Admin, Chosen, CancellationToken.None);
        await Accounts.AddAsync("bob", Role.Operator, Chosen, CancellationToken.None);

        var removed = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.RemoveAsync("alice", CancellationToken.None));
        var demoted = await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.SetRoleAsync("alice", Role.Operator, CancellationToken.None));

        Assert.True(removed.IsConflict && demoted.IsConflict);
        Assert.Equal(Role.Admin, (await Accounts.FindAsync("alice", CancellationToken.None))!.Role);

        await Accounts.SetRoleAsync("bob", Role.Admin, CancellationToken.None);
        await Accounts.SetRoleAsync("alice", Role.Viewer, CancellationToken.None);
        await Assert.ThrowsAsync<AccessRefusedException>(() => Accounts.RemoveAsync("bob", CancellationToken.None));
        await Accounts.RemoveAsync("alice", CancellationToken.None);
        Assert.Equal([("bob", Role.Admin)], (await Accounts.ListAsync(CancellationToken.None)).Select(u => (u.Name, u.Role)));
    }

    [Fact]
    public async Task A_role_change_or_removal_ends_the_users_sessions_and_tokens()
    {
        await Accounts.AddAsync("alice", Role.Admin, Chosen, CancellationToken.None);
        await Accounts.AddAsync("bob", Role.Admin, Chosen, CancellationToken.None);
        var session = await _access.Sessions.StartAsync("bob", null, CancellationToken.None);
        var (_, token) = await _access.Tokens.CreateAsync("bob's", Role.Viewer, "bob", CancellationToken.None);

        await Accounts.SetRoleAsync("bob", Role.Operator, CancellationToken.None);

        Assert.False(await _access.Sessions.IsLiveAsync(session, "bob", CancellationToken.None));
        Assert.Null(await _access.Tokens.AuthenticateAsync(token, CancellationToken.None));

        var later = await _access.Sessions.StartAsync("bob", null, CancellationToken.None);
        await Accounts.RemoveAsync("bob", CancellationToken.None);
        Assert.False(await _access.Sessions.IsLiveAsync(later, "bob", CancellationToken.None));
        Assert.Null(await Accounts.SignInAsync("bob", Chosen, CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_configured_password_the_first_admin_gets_a_generated_one_in_a_0600_file()
    {
        Assert.True(await Accounts.EnsureFirstAdminAsync(null, CancellationToken.None));

        var file = _access.Data.InitialPasswordFile;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var content = await File.ReadAllTextAsync(file);
        Assert.EndsWith("\n", content, StringComparison.Ordinal);
        var admin = await Accounts.SignInAsync(AccessFixture.FirstAdmin, content.TrimEnd('\n'), CancellationToken.None);
        Assert.Equal((Role.Admin, true), (admin!.Role, admin.MustChangePassword));

        Assert.False(await Accounts.EnsureFirstAdminAsync(null, CancellationToken.None));
        Assert.Equal(content, await File.ReadAllTextAsync(file));
        Assert.Single(await Accounts.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_first_admins_password_change_deletes_the_generated_password_file()
    {
        await Accounts.EnsureFirstAdminAsync(null, CancellationToken.None);
        var generated = (await File.ReadAllTextAsync(_access.Data.InitialPasswordFile)).TrimEnd('\n');

        await Accounts.ChangeOwnPasswordAsync(AccessFixture.FirstAdmin, generated, Own, CancellationToken.None);

        Assert.False(File.Exists(_access.Data.InitialPasswordFile));
        Assert.False((await Accounts.SignInAsync(AccessFixture.FirstAdmin, Own, CancellationToken.None))!.MustChangePassword);
    }

    [Fact]
    public async Task A_configured_first_password_is_used_and_nothing_is_written_and_existing_users_make_it_a_no_op()
    {
        Assert.True(await Accounts.EnsureFirstAdminAsync(Chosen, CancellationToken.None));

        Assert.False(File.Exists(_access.Data.InitialPasswordFile));
        Assert.True((await Accounts.SignInAsync(AccessFixture.FirstAdmin, Chosen, CancellationToken.None))!.MustChangePassword);

        using var other = new AccessFixture();
        await other.Accounts.AddAsync("alice", Role.Viewer, Chosen, CancellationToken.None);
        Assert.False(await other.Accounts.EnsureFirstAdminAsync(null, CancellationToken.None));
        Assert.False(File.Exists(other.Data.InitialPasswordFile));
        Assert.Equal(["alice"], (await other.Accounts.ListAsync(CancellationToken.None)).Select(u => u.Name));
    }

    [Fact]
    public async Task A_configured_first_password_that_breaks_the_rules_stops_the_start_naming_the_setting()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Accounts.EnsureFirstAdminAsync("short", CancellationToken.None));

        Assert.Equal("BackupDashboard:AdminPassword (the first admin's password): A password has at least 12 characters.", refused.Message);
        Assert.Empty(await Accounts.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_earlier_releases_admin_account_json_is_taken_over_with_its_hash_and_deleted()
    {
        // Written by ASP.NET Core Identity's PasswordHasher (v3: PBKDF2-HMAC-SHA512, 100,000 iterations) for "legacy password 42".
        const string IdentityHash = "AQAAAAIAAYagAAAAEE9SjCG8zm3W+JczrVfFheLMklk1iY9255CemIZFSLRQ9S7V6xtaVLjm5RgiwWyGCQ==";
        await File.WriteAllTextAsync(_access.Data.AdminAccountFile, $$"""{"User":"ops","Hash":"{{IdentityHash}}"}""");

        Assert.True(await Accounts.EnsureFirstAdminAsync(null, CancellationToken.None));

        Assert.False(File.Exists(_access.Data.AdminAccountFile));
        Assert.False(File.Exists(_access.Data.InitialPasswordFile));
        var ops = await Accounts.SignInAsync("ops", "legacy password 42", CancellationToken.None);
        Assert.Equal(("ops", Role.Admin, true), (ops!.Name, ops.Role, ops.MustChangePassword));
        Assert.Equal(["ops"], (await Accounts.ListAsync(CancellationToken.None)).Select(u => u.Name));
    }

    public void Dispose() => _access.Dispose();
}
