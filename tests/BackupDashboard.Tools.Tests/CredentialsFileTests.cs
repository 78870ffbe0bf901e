using BackupDashboard.TestSupport;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

public sealed class CredentialsFileTests
{
    [Fact]
    public void The_file_is_readable_only_by_its_owner_and_gone_after_dispose()
    {
        string path;
        string directory;
        using (var file = CredentialsFile.Create(TestCredentials.Folder, "backup", "s3cret", null, null, "/run/mysqld/mysqld.sock"))
        {
            path = file.Path;
            directory = Path.GetDirectoryName(path)!;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.Equal(["client.cnf"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }

        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void The_file_holds_a_client_group_with_the_user_the_password_and_the_socket()
    {
        using var file = CredentialsFile.Create(TestCredentials.Folder, "backup", "s3cret", null, null, "/run/mysqld/mysqld.sock");

        Assert.Equal("[client]\nuser=\"backup\"\npassword=\"s3cret\"\nsocket=\"/run/mysqld/mysqld.sock\"\n", File.ReadAllText(file.Path));
    }

    [Fact]
    public void Host_and_port_are_written_for_a_server_reached_over_TCP()
    {
        using var file = CredentialsFile.Create(TestCredentials.Folder, "backup", null, "db1.example.net", 3307, null);

        Assert.Equal("[client]\nuser=\"backup\"\nhost=\"db1.example.net\"\nport=3307\n", File.ReadAllText(file.Path));
    }

    [Fact]
    public void The_file_lives_in_the_given_private_folder_named_after_this_process()
    {
        using var folder = new TempFolder("bdash-cred-test-");
        var credentials = folder.Combine("credentials");

        using var file = CredentialsFile.Create(credentials, "backup", "s3cret", null, null, "/s.sock");

        Assert.Equal(credentials, Path.GetDirectoryName(Path.GetDirectoryName(file.Path)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(credentials));
        Assert.StartsWith($"{Environment.ProcessId}.", Path.GetFileName(Path.GetDirectoryName(file.Path)), StringComparison.Ordinal);
    }

    [Fact]
    public void Leftovers_of_a_process_that_is_gone_are_removed_and_a_running_ones_are_kept()
    {
        using var folder = new TempFolder("bdash-cred-test-");
        using var mine = CredentialsFile.Create(folder.Path, "backup", "s3cret", null, null, "/s.sock");
        // What a killed bdash leaves behind: its pid (no longer running) and start time.
        var orphan = Directory.CreateDirectory(folder.Combine("4194303.12345.0123456789abcdef01234567")).FullName;
        File.WriteAllText(Path.Combine(orphan, "client.cnf"), "[client]\npassword=\"left behind\"\n");

        var removed = CredentialsFile.RemoveLeftovers(folder.Path);

        Assert.Equal([orphan], removed);
        Assert.False(Directory.Exists(orphan));
        Assert.True(File.Exists(mine.Path));
    }

    [Fact]
    public void Two_files_never_share_a_directory()
    {
        using var first = CredentialsFile.Create(TestCredentials.Folder, "a", "x", "localhost", 3306, null);
        using var second = CredentialsFile.Create(TestCredentials.Folder, "a", "x", "localhost", 3306, null);

        Assert.NotEqual(Path.GetDirectoryName(first.Path), Path.GetDirectoryName(second.Path));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("", "\"\"")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("  padded  ", "\"  padded  \"")]
    [InlineData("quote\"double", "\"quote\\\"double\"")]
    [InlineData("quote'single", "\"quote\\'single\"")]
    [InlineData(@"back\slash", @"""back\\slash""")]
    [InlineData(@"ends with \", @"""ends with \\""")]
    [InlineData("hash # not a comment", "\"hash # not a comment\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    public void Values_are_quoted_and_escaped_the_way_the_option_file_reader_decodes_them(string value, string written)
    {
        Assert.Equal(written, OptionFileValueProbe.Quote(value));
    }

    [Fact]
    public void A_password_with_a_NUL_character_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CredentialsFile.Create(TestCredentials.Folder, "backup", "a\0b", "localhost", 3306, null));
    }

    /// <summary>Reads back what CredentialsFile wrote for a password (the escaping itself is internal).</summary>
    private static class OptionFileValueProbe
    {
        public static string Quote(string value)
        {
            using var file = CredentialsFile.Create(TestCredentials.Folder, "u", value, null, null, null);
            var line = File.ReadAllLines(file.Path).Single(l => l.StartsWith("password=", StringComparison.Ordinal));
            return line["password=".Length..];
        }
    }
}
