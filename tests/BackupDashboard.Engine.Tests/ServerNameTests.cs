using BackupDashboard.Engine.Backups;
using BackupDashboard.Engine.Servers;
using BackupDashboard.Engine.Tools;

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
    [InlineData("shop\n")]
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

public class RegistrationAndOrderChecksTests
{
    private static readonly RegisteredServer Good = new() { Name = "db", User = "bk", SocketPath = "/run/mysqld/mysqld.sock", DataDir = "/var/lib/mysql" };

    [Fact]
    public void A_sound_registration_passes() => Assert.Null(ServerRegistrationCheck.Problem(Good));

    [Theory]
    [InlineData(0, "port")]
    [InlineData(65536, "port")]
    [InlineData(-1, "port")]
    public void A_port_outside_1_to_65535_is_refused(int port, string field) =>
        Assert.Equal(field, ServerRegistrationCheck.Problem(Good with { SocketPath = null, Host = "127.0.0.1", Port = port })?.Field);

    [Fact]
    public void Control_characters_relative_paths_blanks_and_huge_values_are_refused_naming_the_field()
    {
        Assert.Equal("user", ServerRegistrationCheck.Problem(Good with { User = "bk\0root" })?.Field);
        Assert.Equal("user", ServerRegistrationCheck.Problem(Good with { User = " " })?.Field);
        Assert.Equal("datadir", ServerRegistrationCheck.Problem(Good with { DataDir = "var/lib/mysql" })?.Field);
        Assert.Equal("datadir", ServerRegistrationCheck.Problem(Good with { DataDir = "/" + new string('d', 5000) })?.Field);
        Assert.Equal("socket", ServerRegistrationCheck.Problem(Good with { SocketPath = "/tmp/a\nb.sock" })?.Field);
        Assert.Equal("tool_path", ServerRegistrationCheck.Problem(Good with { ToolPath = "xtrabackup" })?.Field);
        Assert.Equal("name", ServerRegistrationCheck.Problem(Good with { Name = "../x" })?.Field);
    }

    [Fact]
    public void A_password_the_option_file_cannot_carry_is_refused_and_any_other_is_accepted()
    {
        Assert.NotNull(ServerRegistrationCheck.PasswordProblem("a\0b"));
        Assert.NotNull(ServerRegistrationCheck.PasswordProblem(new string('p', 1001)));
        Assert.Null(ServerRegistrationCheck.PasswordProblem("spaces # quotes \" ' and\nnewlines"));
        Assert.Null(ServerRegistrationCheck.PasswordProblem(null));
    }

    [Theory]
    [InlineData(BackupKind.Incremental, null, null, 0, "parallel is 1 to 64 copy threads, not 0.")]
    [InlineData(BackupKind.Incremental, null, null, 65, "parallel is 1 to 64 copy threads, not 65.")]
    [InlineData(BackupKind.Incremental, "f", 100UL, 1, "Give a base backup or an incremental LSN, not both: the base decides the LSN.")]
    [InlineData(BackupKind.Full, "f", null, 1, "A full backup takes no base and no incremental LSN.")]
    [InlineData(BackupKind.Full, null, 100UL, 1, "A full backup takes no base and no incremental LSN.")]
    public void An_order_that_does_not_hold_together_is_refused(BackupKind kind, string? baseId, ulong? lsn, int parallel, string problem) =>
        Assert.Equal(problem, new BackupOrder(kind, baseId, lsn, parallel).Problem());

    [Fact]
    public void Sound_orders_pass()
    {
        Assert.Null(new BackupOrder(BackupKind.Full, Parallel: 4).Problem());
        Assert.Null(new BackupOrder(BackupKind.Incremental, "f").Problem());
        Assert.Null(new BackupOrder(BackupKind.Incremental, IncrementalLsn: 100).Problem());
    }
}
