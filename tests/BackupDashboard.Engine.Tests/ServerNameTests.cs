using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Engine.Tests;

public class ServerNameTests
{
    [Theory]
    [InlineData("shop")]
    [InlineData("db-01.eu_west")]
    [InlineData("7")]
    [InlineData("Job.DB-1")]
    public void Plain_names_of_letters_digits_dots_dashes_and_underscores_are_accepted(string name) =>
        Assert.Null(ServerName.Problem(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../../etc")]
    [InlineData("/tmp/x")]
    [InlineData("a/b")]
    [InlineData("-rf")]
    [InlineData(".hidden")]
    [InlineData("two words")]
    [InlineData("tab\there")]
    [InlineData("nul\0x")]
    [InlineData("line\nbreak")]
    [InlineData("café")]
    public void Traversal_paths_blanks_control_characters_and_other_shapes_are_refused(string name) =>
        Assert.NotNull(ServerName.Problem(name));

    [Fact]
    public void A_name_longer_than_64_characters_is_refused_with_its_length()
    {
        Assert.Null(ServerName.Problem(new string('a', 64)));
        Assert.Equal("A server name has at most 64 characters; this one has 10000.", ServerName.Problem(new string('a', 10_000)));
    }

    [Fact]
    public void The_refusal_shows_control_characters_escaped_so_it_cannot_break_a_terminal()
    {
        var problem = ServerName.Problem("x\u001b[2Jy");

        Assert.Contains("x\\u001b[2Jy", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', problem!);
    }

    [Theory]
    [InlineData("../../etc", "20261202T000000Z-full")]
    [InlineData("shop", "../../x")]
    [InlineData("shop", "/tmp/x")]
    [InlineData("shop", "a/b")]
    public void A_backup_folder_outside_the_repository_is_never_made(string server, string id) =>
        Assert.Throws<ArgumentException>(() => BackupLayout.BackupFolder("/srv/backups", server, id));

    [Fact]
    public void A_backup_folder_is_the_repository_then_the_server_then_the_id() =>
        Assert.Equal("/srv/backups/shop/20261202T000000Z-full", BackupLayout.BackupFolder("/srv/backups/", "shop", "20261202T000000Z-full"));
}
