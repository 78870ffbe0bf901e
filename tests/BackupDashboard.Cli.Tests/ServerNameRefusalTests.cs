using BackupDashboard.TestSupport;

namespace BackupDashboard.Cli.Tests;

/// <summary>bdash server add refuses names that would become unsafe folder names, before writing anything.</summary>
public sealed class ServerNameRefusalTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-names-");

    [Theory]
    [InlineData("../../etc")]
    [InlineData("/tmp/x")]
    [InlineData(" ")]
    [InlineData("a\u0007b")]
    public async Task A_name_that_is_not_one_exits_2_with_the_reason_and_registers_nothing(string name)
    {
        var bdash = new Bdash(_data.Path);

        var add = await bdash.RunAsync("server", "add", name, "--socket", "/nonexistent.sock", "--user", "x", "--datadir", "/nonexistent");
        var list = await bdash.JsonAsync("server", "list");

        Assert.Equal(2, add.ExitCode);
        Assert.Contains("server name", add.Error, StringComparison.Ordinal);
        Assert.Empty(list.EnumerateArray());
        Assert.False(Directory.Exists(Path.Combine(_data.Path, "backups")));
    }

    public void Dispose() => _data.Dispose();
}
