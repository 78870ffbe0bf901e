using System.Net;
using System.Text;
using System.Text.Json;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// POST /api/servers with a field missing, a NUL or non-ASCII name, or a 20 MB datadir: 400
/// application/problem+json naming the field, and nothing stored.
/// </summary>
public sealed class ServerRegistrationRefusalTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public ServerRegistrationRefusalTests(DashboardFactory factory) => _factory = factory;

    public static TheoryData<string, string> Bodies => new()
    {
        { """{"socket":"/run/mysqld.sock","user":"bk","datadir":"/var/lib/mysql"}""", "name" },
        { """{"name":"a","socket":"/run/mysqld.sock","datadir":"/var/lib/mysql"}""", "user" },
        { """{"name":"a","socket":"/run/mysqld.sock","user":"bk"}""", "datadir" },
        { """{"name":"a\u0000b","socket":"/run/mysqld.sock","user":"bk","datadir":"/var/lib/mysql"}""", "name" },
        { """{"name":"prodüction","socket":"/run/mysqld.sock","user":"bk","datadir":"/var/lib/mysql"}""", "name" },
        { """{"name":"a","socket":"/run/mysqld.sock","user":"bk\u0007","datadir":"/var/lib/mysql"}""", "user" },
        { """{"name":"a","host":"127.0.0.1","port":70000,"user":"bk","datadir":"/var/lib/mysql"}""", "port" },
        { """{"name":"a","socket":"relative.sock","user":"bk","datadir":"/var/lib/mysql"}""", "socket" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_bad_registration_is_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        using var client = await _factory.CreateSignedInClientAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var refused = await client.PostAsync(new Uri("/api/servers", UriKind.Relative), content);

        await AssertRefusedAsync(client, refused, field);
    }

    [Fact]
    public async Task A_20_mb_datadir_is_refused_without_being_stored()
    {
        using var client = await _factory.CreateSignedInClientAsync();
        var body = JsonSerializer.Serialize(new { name = "huge", socket = "/run/mysqld.sock", user = "bk", datadir = "/" + new string('d', 20 * 1024 * 1024) });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var refused = await client.PostAsync(new Uri("/api/servers", UriKind.Relative), content);

        Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)refused.StatusCode}");
        Assert.DoesNotContain(JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers", UriKind.Relative))).RootElement.EnumerateArray(),
            s => s.GetProperty("name").GetString() == "huge");
    }

    private static async Task AssertRefusedAsync(HttpClient client, HttpResponseMessage refused, string field)
    {
        var answer = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(field, JsonDocument.Parse(answer).RootElement.GetProperty("field").GetString());
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers", UriKind.Relative))).RootElement.EnumerateArray());
    }
}
