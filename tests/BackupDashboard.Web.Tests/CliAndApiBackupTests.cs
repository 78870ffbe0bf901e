using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// "Run now" for one server from bdash (another process) and from the API at the same moment:
/// one runs and the other is refused naming it, or waits; never two at once.
/// </summary>
public sealed class CliAndApiBackupTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-cli-api-");
    private readonly TempFolder _datadir = FakeXtraBackup.DataDir(tablespaces: 2);

    [Fact]
    public async Task A_bdash_backup_and_an_api_backup_of_one_server_at_the_same_moment_never_run_at_once()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        using var client = await factory.CreateSignedInClientAsync();
        await client.AddFakeXtraBackupServerAsync("both", _datadir.Path);
        var cliDll = RepositoryRoot.Combine("src", "BackupDashboard.Cli", "bin", "Debug", "net10.0", "bdash-core.dll");
        Assert.True(File.Exists(cliDll), $"{cliDll} is missing: build the solution first (test.sh does)");
        // Each run takes a moment per file, so that the two overlap if nothing stops them.
        Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_DELAY", "1");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { cliDll, "backup", "both", "--full" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["BackupDashboard__DataDir"] = _data.Path;
            // bdash finds the program the same way the dashboard does: the installer's configuration.
            start.Environment["BackupDashboard__Tools__XtraBackup"] = FakeXtraBackup.Path;
            using var cli = Process.Start(start)!;
            var cliError = cli.StandardError.ReadToEndAsync();
            using var api = await client.PostAsJsonAsync("/api/servers/both/backups?wait=true", new { type = "full" });
            await cli.WaitForExitAsync();
            var apiAnswer = await api.Content.ReadAsStringAsync();

            var backups = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/both/backups", UriKind.Relative))).RootElement.EnumerateArray()
                .Where(b => b.GetProperty("status").GetString() != "failed")
                .OrderBy(b => b.GetProperty("started_at").GetDateTimeOffset()).ToList();
            Assert.NotEmpty(backups);
            for (var i = 1; i < backups.Count; i++)
            {
                Assert.True(backups[i].GetProperty("started_at").GetDateTimeOffset() >= backups[i - 1].GetProperty("ended_at").GetDateTimeOffset(), "two backups ran at once");
            }

            // Whichever came second was refused naming the first, or ran after it.
            if (api.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Contains("is already running (process", apiAnswer, StringComparison.Ordinal);
                Assert.Equal(0, cli.ExitCode);
            }
            else if (cli.ExitCode == 2)
            {
                Assert.Contains("is already running (process", await cliError, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.Created, api.StatusCode);
            }
            else
            {
                Assert.Equal((0, HttpStatusCode.Created, 2), (cli.ExitCode, api.StatusCode, backups.Count));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_XTRABACKUP_DELAY", null);
        }
    }

    public void Dispose()
    {
        _data.Dispose();
        _datadir.Dispose();
    }
}
