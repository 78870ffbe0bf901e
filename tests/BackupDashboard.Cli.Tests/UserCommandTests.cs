using System.Text.Json;
using System.Text.RegularExpressions;
using BackupDashboard.Catalog;
using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Configuration;
using BackupDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace BackupDashboard.Cli.Tests;

/// <summary>
/// bdash user add|list|remove|passwd|role against the catalog the dashboard signs people in
/// with: a password bdash prints is checked by signing in through UserAccounts, as the web app does.
/// </summary>
public sealed class UserCommandTests : IDisposable
{
    private const string StdinPassword = "correct horse battery staple";

    private readonly TempFolder _data = new("bdash-users-");
    private readonly Bdash _bdash;

    public UserCommandTests()
    {
        _bdash = new Bdash(_data.Path) { Environment = { ["SUDO_USER"] = "" } };
    }

    [Fact]
    public async Task A_user_added_without_a_password_gets_one_shown_once_that_signs_in_and_must_be_changed()
    {
        var added = await _bdash.RunAsync("user", "add", "alice", "--role", "admin");

        Assert.True(added.ExitCode == 0, added.Error);
        var password = ShownPassword(added.Output, "alice", "first");
        Assert.Equal(PasswordRules.Generate().Length, password.Length);
        var user = Assert.Single((await _bdash.JsonAsync("user", "list")).EnumerateArray());
        Assert.Equal(("alice", "admin", true), (user.GetProperty("name").GetString(), user.GetProperty("role").GetString(), user.GetProperty("must_change_password").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, user.GetProperty("password_changed_at").ValueKind);
        Assert.False(user.TryGetProperty("password_hash", out _));
        var signedIn = await SignInAsync("alice", password);
        Assert.NotNull(signedIn);
        Assert.True(signedIn.MustChangePassword);
        var listed = await _bdash.RunAsync("user", "list");
        Assert.Matches(@"^NAME +ROLE +MUST CHANGE PASSWORD +CREATED \(UTC\) +PASSWORD CHANGED \(UTC\)\nalice +admin +yes +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +-\n$", listed.Output);
    }

    [Fact]
    public async Task A_password_piped_to_stdin_is_the_users_and_is_not_printed()
    {
        var added = await _bdash.RunWithStdinAsync(StdinPassword + "\n", "user", "add", "bob", "--role", "Operator", "--password-stdin", "--json");

        Assert.True(added.ExitCode == 0, added.Error);
        Assert.DoesNotContain(StdinPassword, added.Output, StringComparison.Ordinal);
        Assert.Equal(("bob", "operator", true, JsonValueKind.Null),
            (added.Json.GetProperty("name").GetString(), added.Json.GetProperty("role").GetString(), added.Json.GetProperty("must_change_password").GetBoolean(), added.Json.GetProperty("password").ValueKind));
        Assert.True((await SignInAsync("bob", StdinPassword))?.MustChangePassword);
    }

    [Theory]
    [InlineData("carol", "", "A password is required.")]
    [InlineData("carol", "short\n", "A password has at least 12 characters.")]
    [InlineData("carol-carol-carol", "Carol-Carol-Carol\n", "A password cannot be the user's name.")]
    public async Task A_password_on_stdin_that_breaks_the_rules_exits_2_and_stores_nothing(string name, string input, string said)
    {
        var run = await _bdash.RunWithStdinAsync(input, "user", "add", name, "--role", "viewer", "--password-stdin");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"bdash: --password-stdin: {said}\n", run.Error);
        Assert.Empty((await _bdash.JsonAsync("user", "list")).EnumerateArray());
    }

    [Theory]
    [InlineData("root")]
    [InlineData("")]
    [InlineData("admins")]
    public async Task A_role_that_is_not_one_exits_2_naming_role_and_the_choices_and_stores_nothing(string role)
    {
        var run = await _bdash.RunAsync("user", "add", "dave", "--role", role);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"bdash: --role: not a role; a role is {Roles.Choices}.", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty((await _bdash.JsonAsync("user", "list")).EnumerateArray());
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-rf")]
    [InlineData("two words")]
    [InlineData("eve\n")]
    public async Task A_name_that_is_not_one_exits_2_naming_NAME_and_stores_nothing(string name)
    {
        var run = await _bdash.RunAsync("user", "add", name, "--role", "admin");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("bdash: NAME: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty((await _bdash.JsonAsync("user", "list")).EnumerateArray());
    }

    [Fact]
    public async Task Adding_a_name_that_is_taken_is_refused_and_changes_nothing()
    {
        var password = ShownPassword((await _bdash.RunAsync("user", "add", "alice", "--role", "admin")).Output, "alice", "first");

        var again = await _bdash.RunWithStdinAsync(StdinPassword + "\n", "user", "add", "alice", "--role", "viewer", "--password-stdin");

        Assert.Equal(1, again.ExitCode);
        Assert.Equal("bdash: NAME: A user named 'alice' exists already.\n", again.Error);
        Assert.Equal("admin", Assert.Single((await _bdash.JsonAsync("user", "list")).EnumerateArray()).GetProperty("role").GetString());
        Assert.NotNull(await SignInAsync("alice", password));
        Assert.Null(await SignInAsync("alice", StdinPassword));
    }

    [Fact]
    public async Task The_last_admin_is_neither_removed_nor_demoted_until_there_is_another()
    {
        Assert.Equal(0, (await _bdash.RunAsync("user", "add", "alice", "--role", "admin")).ExitCode);

        var removed = await _bdash.RunAsync("user", "remove", "alice");
        var demoted = await _bdash.RunAsync("user", "role", "alice", "viewer");

        Assert.Equal((1, 1), (removed.ExitCode, demoted.ExitCode));
        Assert.Contains("'alice' is the last admin and cannot be removed", removed.Error, StringComparison.Ordinal);
        Assert.Contains("'alice' is the last admin and cannot be demoted", demoted.Error, StringComparison.Ordinal);
        Assert.Equal([("alice", "admin")], await UsersAsync());

        Assert.Equal(0, (await _bdash.RunAsync("user", "add", "bob", "--role", "viewer")).ExitCode);
        var promoted = await _bdash.RunAsync("user", "role", "bob", "ADMIN");
        Assert.True(promoted.ExitCode == 0, promoted.Error);
        Assert.Equal("bob is now admin: their sessions have ended and their API tokens are revoked.\n", promoted.Output);
        Assert.Equal(0, (await _bdash.RunAsync("user", "role", "alice", "operator")).ExitCode);
        Assert.Equal([("alice", "operator"), ("bob", "admin")], await UsersAsync());
        Assert.Equal(0, (await _bdash.RunAsync("user", "remove", "alice")).ExitCode);
        Assert.Equal([("bob", "admin")], await UsersAsync());
    }

    [Fact]
    public async Task A_role_that_is_not_one_or_a_user_that_does_not_exist_exits_2()
    {
        Assert.Equal(0, (await _bdash.RunAsync("user", "add", "alice", "--role", "admin")).ExitCode);

        var badRole = await _bdash.RunAsync("user", "role", "alice", "superuser");
        var noSuchRole = await _bdash.RunAsync("user", "role", "nobody", "viewer");
        var noSuchRemove = await _bdash.RunAsync("user", "remove", "nobody");
        var noSuchPasswd = await _bdash.RunAsync("user", "passwd", "nobody");

        Assert.Equal((2, 2, 2, 2), (badRole.ExitCode, noSuchRole.ExitCode, noSuchRemove.ExitCode, noSuchPasswd.ExitCode));
        Assert.Contains($"bdash: ROLE: not a role; a role is {Roles.Choices}.", badRole.Error, StringComparison.Ordinal);
        Assert.All([noSuchRole, noSuchRemove, noSuchPasswd], run => Assert.Equal("bdash: NAME: There is no user named 'nobody'.\n", run.Error));
        Assert.Equal([("alice", "admin")], await UsersAsync());
    }

    [Fact]
    public async Task A_reset_password_replaces_the_old_one_and_must_be_changed_at_next_sign_in()
    {
        var first = ShownPassword((await _bdash.RunAsync("user", "add", "alice", "--role", "admin")).Output, "alice", "first");

        var reset = await _bdash.RunAsync("user", "passwd", "alice");

        Assert.True(reset.ExitCode == 0, reset.Error);
        var second = ShownPassword(reset.Output, "alice", "next");
        Assert.NotEqual(first, second);
        Assert.Null(await SignInAsync("alice", first));
        Assert.True((await SignInAsync("alice", second))?.MustChangePassword);

        var piped = await _bdash.RunWithStdinAsync(StdinPassword + "\n", "user", "passwd", "alice", "--password-stdin");
        Assert.True(piped.ExitCode == 0, piped.Error);
        Assert.DoesNotContain(StdinPassword, piped.Output, StringComparison.Ordinal);
        Assert.Null(await SignInAsync("alice", second));
        Assert.True((await SignInAsync("alice", StdinPassword))?.MustChangePassword);
    }

    [Fact]
    public async Task User_changes_are_audited_without_their_passwords_and_listings_are_not()
    {
        var generated = ShownPassword((await _bdash.RunAsync("user", "add", "alice", "--role", "admin")).Output, "alice", "first");
        Assert.Equal(0, (await _bdash.RunWithStdinAsync(StdinPassword + "\n", "user", "add", "bob", "--role", "viewer", "--password-stdin")).ExitCode);
        var reset = ShownPassword((await _bdash.RunAsync("user", "passwd", "bob")).Output, "bob", "next");
        Assert.Equal(1, (await _bdash.RunAsync("user", "remove", "alice")).ExitCode);
        _ = await _bdash.RunAsync("user", "list");

        var audit = await _bdash.RunAsync("audit", "--json");
        var entries = audit.Json.EnumerateArray().ToList();

        Assert.Equal(["bdash user remove alice", "bdash user passwd bob", "bdash user add bob --role viewer --password-stdin", "bdash user add alice --role admin"],
            entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(["exit 1", "exit 0", "exit 0", "exit 0"], entries.Select(e => e.GetProperty("outcome").GetString()));
        Assert.All([generated, reset, StdinPassword], secret => Assert.DoesNotContain(secret, audit.Output, StringComparison.Ordinal));
    }

    public void Dispose() => _data.Dispose();

    /// <summary>The password bdash showed once, after the sentence that says it must be changed.</summary>
    private static string ShownPassword(string output, string user, string when)
    {
        var shown = Regex.Match(output, $@"^Password for {Regex.Escape(user)} \(shown once; it must be changed at {when} sign-in\): (\S+)$", RegexOptions.Multiline);
        Assert.True(shown.Success, $"No password shown in:\n{output}");
        return shown.Groups[1].Value;
    }

    private async Task<List<(string?, string?)>> UsersAsync() =>
        [.. (await _bdash.JsonAsync("user", "list")).EnumerateArray().Select(u => (u.GetProperty("name").GetString(), u.GetProperty("role").GetString()))];

    /// <summary>Signs in as the web app does, against the catalog bdash wrote.</summary>
    private async Task<UserAccount?> SignInAsync(string name, string password)
    {
        var folder = new DataFolder(_data.Path);
        await using var services = new ServiceCollection().AddLogging()
            .AddBackupCatalog(folder, new BackupDashboardOptions { DataDir = folder.Root }).BuildServiceProvider();
        return await services.GetRequiredService<UserAccounts>().SignInAsync(name, password, CancellationToken.None);
    }
}
