using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Tools.Tests;

public sealed class InstalledToolTests
{
    [Theory]
    [InlineData("mariabackup based on MariaDB server 10.11.19-MariaDB debian-linux-gnu (x86_64)", "10.11.19", "10.11.19")]
    [InlineData("xtrabackup version 8.0.35-30 based on MySQL server 8.0.35 Linux (x86_64) (revision id: 6beb4b49)", "8.0.35-30", "8.0.35")]
    [InlineData("xtrabackup version 2.4.29 based on MySQL server 5.7.44 Linux (x86_64) (revision id: 2e6c0951)", "2.4.29", "2.4.29")]
    public void The_version_banner_gives_a_comparable_version(string banner, string text, string number)
    {
        var version = InstalledTool.ParseVersion(banner);

        Assert.Equal(text, version);
        Assert.Equal(Version.Parse(number), InstalledTool.ToVersion(version));
        Assert.Equal(Version.Parse(number), new InstalledTool(BackupToolKind.XtraBackup, "xtrabackup", "/x", version, null).ParsedVersion);
    }

    [Fact]
    public async Task A_configured_path_is_used_instead_of_PATH()
    {
        var tool = await InstalledTool.DetectAsync(BackupToolKind.XtraBackup, FakeXtraBackup.Path, CancellationToken.None);

        Assert.True(tool.Found, tool.Problem);
        Assert.Equal("8.0.35-30", tool.Version);
        Assert.Equal(new Version(8, 0, 35), tool.ParsedVersion);
    }

    [Fact]
    public async Task A_configured_path_that_is_not_a_program_is_a_problem_not_an_exception()
    {
        var tool = await InstalledTool.DetectAsync(BackupToolKind.XtraBackup, "/nonexistent/xtrabackup", CancellationToken.None);

        Assert.False(tool.Found);
        Assert.Contains("/nonexistent/xtrabackup", tool.Problem, StringComparison.Ordinal);
    }
}
