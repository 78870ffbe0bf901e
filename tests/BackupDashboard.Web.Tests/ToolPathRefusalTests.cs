using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// Which program runs as root with a server's credentials is the machine's choice: a tool_path in a
/// request is refused and nothing is stored; the program configured by the installer is the one
/// that runs.
/// </summary>
public sealed class ToolPathRefusalTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-tool-path-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 1);

    [Fact]
    public async Task A_tool_path_in_a_registration_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var script = _data.Combine("evil.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\ntouch \"$0.ran\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();

        using var refused = await client.PostAsJsonAsync("/api/servers", new
        {
            name = "evil", socket = "/nonexistent.sock", user = "x", datadir = _datadir.Path, tool = "xtrabackup", tool_path = script,
        });
        var servers = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers", UriKind.Relative))).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("tool_path", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        Assert.Empty(servers.EnumerateArray());
        Assert.False(File.Exists(script + ".ran"));
    }

    [Fact]
    public async Task The_configured_program_is_the_one_that_runs()
    {
        var log = _data.Combine("calls.log");
        Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_LOG", log);
        try
        {
            using var factory = DashboardFactory.OnDataFolder(_data.Path);
            using var client = await factory.CreateSignedInClientAsync();
            await client.AddFakeXtraBackupServerAsync("configured", _datadir.Path);

            using var backup = await client.PostAsJsonAsync("/api/servers/configured/backups?wait=true", new { type = "full" });

            Assert.Equal(HttpStatusCode.Created, backup.StatusCode);
            Assert.Contains("--backup", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_LOG", null);
        }
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
