using BackupDashboard.Engine.Access;

namespace BackupDashboard.Engine.Tests.Access;

public sealed class ApiTokensTests : IDisposable
{
    private const string Password = "chosen by the admin";

    private readonly AccessFixture _access = new();

    private ApiTokens Tokens => _access.Tokens;

    [Fact]
    public async Task A_new_token_authenticates_with_its_own_role_and_owner_and_only_its_hash_is_kept()
    {
        await _access.Accounts.AddAsync("alice", Role.Admin, Password, CancellationToken.None);

        var (token, secret) = await Tokens.CreateAsync("  nightly export ", Role.Operator, "alice", CancellationToken.None);

        Assert.Matches("^bdt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal($"bdt_{token.Id}_", secret[..17]);
        var found = await Tokens.AuthenticateAsync(secret, CancellationToken.None);
        Assert.Equal((token.Id, "nightly export", Role.Operator, "alice"), (found!.Id, found.Name, found.Role, found.Owner));
        var (_, stored) = (await _access.TokenStore.FindAsync(token.Id, CancellationToken.None))!.Value;
        Assert.DoesNotContain(secret[17..], stored, StringComparison.Ordinal);
        Assert.Equal(64, stored.Length);
    }

    [Fact]
    public async Task A_wrong_secret_with_a_right_id_or_anything_else_does_not_authenticate()
    {
        await _access.Accounts.AddAsync("alice", Role.Admin, Password, CancellationToken.None);
        var (token, secret) = await Tokens.CreateAsync("ci", Role.Viewer, "alice", CancellationToken.None);
        var otherSecret = secret[..17] + new string(secret[17..].Reverse().ToArray());
        var lastCharChanged = secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A');

        foreach (var presented in new[] { otherSecret, lastCharChanged, secret + "x", secret[..17], $"bdt_{token.Id}", secret.Replace("bdt_", "xyz_", StringComparison.Ordinal), "", null })
        {
            Assert.Null(await Tokens.AuthenticateAsync(presented, CancellationToken.None));
        }

        Assert.Null((await Tokens.ListAsync(CancellationToken.None)).Single().LastUsedAt);
    }

    [Fact]
    public async Task A_revoked_token_no_longer_authenticates_and_is_listed_as_revoked()
    {
        await _access.Accounts.AddAsync("alice", Role.Admin, Password, CancellationToken.None);
        var (token, secret) = await Tokens.CreateAsync("ci", Role.Viewer, "alice", CancellationToken.None);
        var (_, kept) = await Tokens.CreateAsync("kept", Role.Viewer, "alice", CancellationToken.None);

        await Tokens.RevokeAsync(token.Id, CancellationToken.None);

        Assert.Null(await Tokens.AuthenticateAsync(secret, CancellationToken.None));
        Assert.NotNull(await Tokens.AuthenticateAsync(kept, CancellationToken.None));
        var listed = (await Tokens.ListAsync(CancellationToken.None)).Single(t => t.Id == token.Id);
        Assert.Equal((true, _access.Clock.Now), (listed.Revoked, listed.RevokedAt));
        Assert.True((await Assert.ThrowsAsync<AccessRefusedException>(() => Tokens.RevokeAsync("0123456789ab", CancellationToken.None))).IsMissing);
        Assert.Equal("id", (await Assert.ThrowsAsync<AccessRefusedException>(() => Tokens.RevokeAsync("../../x", CancellationToken.None))).Field);
    }

    [Fact]
    public async Task The_last_use_is_recorded_at_most_once_a_minute()
    {
        await _access.Accounts.AddAsync("alice", Role.Admin, Password, CancellationToken.None);
        var (token, secret) = await Tokens.CreateAsync("ci", Role.Viewer, "alice", CancellationToken.None);
        var first = _access.Clock.Now += TimeSpan.FromHours(1);

        await Tokens.AuthenticateAsync(secret, CancellationToken.None);
        Assert.Equal(first, await LastUsedAsync(token.Id));

        _access.Clock.Now += TimeSpan.FromSeconds(30);
        await Tokens.AuthenticateAsync(secret, CancellationToken.None);
        Assert.Equal(first, await LastUsedAsync(token.Id));

        _access.Clock.Now += TimeSpan.FromSeconds(31);
        await Tokens.AuthenticateAsync(secret, CancellationToken.None);
        Assert.Equal(_access.Clock.Now, await LastUsedAsync(token.Id));
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("nobody")]
    public async Task Only_an_admin_makes_tokens(string owner)
    {
        await _access.Accounts.AddAsync("bob", Role.Operator, Password, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<AccessRefusedException>(() => Tokens.CreateAsync("ci", Role.Viewer, owner, CancellationToken.None));

        Assert.Equal("owner", refused.Field);
        Assert.Empty(await Tokens.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public async Task A_token_needs_a_printable_name(string name)
    {
        await _access.Accounts.AddAsync("alice", Role.Admin, Password, CancellationToken.None);

        Assert.Equal("name", (await Assert.ThrowsAsync<AccessRefusedException>(() => Tokens.CreateAsync(name, Role.Viewer, "alice", CancellationToken.None))).Field);
        Assert.Empty(await Tokens.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_owners_password_change_revokes_every_token_they_made()
    {
        await _access.Accounts.AddAsync("alice", Role.Admin, Password, CancellationToken.None);
        var (_, first) = await Tokens.CreateAsync("ci", Role.Viewer, "alice", CancellationToken.None);
        var (_, second) = await Tokens.CreateAsync("export", Role.Admin, "alice", CancellationToken.None);
        _access.Clock.Now += TimeSpan.FromMinutes(1);

        await _access.Accounts.ChangeOwnPasswordAsync("alice", Password, "a new passphrase for alice", CancellationToken.None);

        Assert.Null(await Tokens.AuthenticateAsync(first, CancellationToken.None));
        Assert.Null(await Tokens.AuthenticateAsync(second, CancellationToken.None));
        Assert.All(await Tokens.ListAsync(CancellationToken.None), t => Assert.Equal(_access.Clock.Now, t.RevokedAt));
    }

    public void Dispose() => _access.Dispose();

    private async Task<DateTimeOffset?> LastUsedAsync(string id) => (await Tokens.ListAsync(CancellationToken.None)).Single(t => t.Id == id).LastUsedAt;
}
