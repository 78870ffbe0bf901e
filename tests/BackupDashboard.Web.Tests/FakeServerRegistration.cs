using System.Net;
using System.Net.Http.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>Registers, through the API, a server backed up by the fake XtraBackup (no database server needed).</summary>
internal static class FakeServerRegistration
{
    public static async Task AddFakeXtraBackupServerAsync(this HttpClient client, string name, string dataDir)
    {
        using var added = await client.PostAsJsonAsync("/api/servers", new
        {
            name, socket = "/nonexistent.sock", user = "x", datadir = dataDir, tool = "xtrabackup",
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }
}
