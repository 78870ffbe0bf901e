using BackupDashboard.Engine.Tools;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Tools.Tests;

/// <summary>The escaping is only right if the real client reads the password back: log in with it.</summary>
public sealed class CredentialsFileLoginTests(ThrowawayMariaDb db) : IClassFixture<ThrowawayMariaDb>
{
    private static readonly string[] NastyPasswords =
    [
        "it's \"quoted\" and spaced",
        @"back\slash \\ double \n not a newline",
        @"ends with a backslash \",
        "  leading and trailing spaces  ",
        "hash # semicolon ; equals = [client]",
        "tab\tand\nnewline",
    ];

    [Fact]
    public async Task Passwords_with_quotes_backslashes_and_spaces_log_in_through_the_real_client()
    {
        var mariadb = ExecutableFinder.Require("mariadb", "mariadb-client");

        for (var i = 0; i < NastyPasswords.Length; i++)
        {
            var user = $"nasty{i}";
            await db.ExecuteAsync($"CREATE USER '{user}'@'localhost' IDENTIFIED BY {Sql.Literal(NastyPasswords[i])}");
            using var credentials = CredentialsFile.Create(TestCredentials.Folder, user, NastyPasswords[i], null, null, db.SocketPath);
            var stdout = new Dummy.Lines();

            var result = await ToolProcess.RunAsync(
                new ToolInvocation(mariadb, [$"--defaults-extra-file={credentials.Path}", "-N", "-e", "SELECT CURRENT_USER()"]),
                stdout.Add, null, CancellationToken.None);

            Assert.True(result.ExitCode == 0, $"password #{i} ({NastyPasswords[i]}) was refused: {result.LastStderrLine}");
            Assert.Equal([$"{user}@localhost"], stdout.Snapshot());
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_so_the_login_test_proves_something()
    {
        var mariadb = ExecutableFinder.Require("mariadb", "mariadb-client");
        await db.ExecuteAsync("CREATE USER 'careful'@'localhost' IDENTIFIED BY 'right'");
        using var credentials = CredentialsFile.Create(TestCredentials.Folder, "careful", "wrong", null, null, db.SocketPath);

        var result = await ToolProcess.RunAsync(
            new ToolInvocation(mariadb, [$"--defaults-extra-file={credentials.Path}", "-e", "SELECT 1"]), null, null, CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Access denied for user 'careful'@'localhost'", result.LastStderrLine, StringComparison.Ordinal);
    }
}
