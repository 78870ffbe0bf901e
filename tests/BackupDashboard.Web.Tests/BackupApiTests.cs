using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackupDashboard.TestSupport;

namespace BackupDashboard.Web.Tests;

/// <summary>/api: the same operations as bdash, for scripts with Basic credentials.</summary>
public class BackupApiTests : IClassFixture<DashboardFactory>
{
    private readonly DashboardFactory _factory;

    public BackupApiTests(DashboardFactory factory) => _factory = factory;

    [Fact]
    public async Task Without_credentials_the_api_answers_401_instead_of_redirecting()
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/api/servers", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_script_registers_a_server_tests_it_backs_it_up_and_reads_the_chain()
    {
        await using var db = await ThrowawayMariaDb.StartAsync();
        await db.ExecuteAsync("CREATE USER 'api'@'localhost' IDENTIFIED BY 'api secret'");
        await db.ExecuteAsync("GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'api'@'localhost'");
        using var client = await SignedInClientAsync();

        using var added = await client.PostAsJsonAsync("/api/servers", new { name = "apidb", socket = db.SocketPath, user = "api", password = "api secret", datadir = db.DataDir });
        using var duplicate = await client.PostAsJsonAsync("/api/servers", new { name = "apidb", socket = db.SocketPath, user = "api", datadir = db.DataDir });
        using var test = await client.PostAsync(new Uri("/api/servers/apidb/test", UriKind.Relative), null);
        using var full = await client.PostAsJsonAsync("/api/servers/apidb/backups?wait=true", new { type = "full" });
        using var inc = await client.PostAsJsonAsync("/api/servers/apidb/backups?wait=true", new { type = "incremental" });
        var chains = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers/apidb/chains", UriKind.Relative))).RootElement;

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        Assert.Empty(JsonDocument.Parse(await test.Content.ReadAsStringAsync()).RootElement.GetProperty("missing_privileges").EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        Assert.Equal(HttpStatusCode.Created, inc.StatusCode);
        var fullJson = JsonDocument.Parse(await full.Content.ReadAsStringAsync()).RootElement;
        var chain = Assert.Single(chains.GetProperty("chains").EnumerateArray());
        Assert.True(chain.GetProperty("valid").GetBoolean());
        Assert.Equal(fullJson.GetProperty("id").GetString(), chain.GetProperty("backups")[1].GetProperty("parent_id").GetString());
        Assert.DoesNotContain("api secret", await client.GetStringAsync(new Uri("/api/servers", UriKind.Relative)), StringComparison.Ordinal);

        var incId = JsonDocument.Parse(await inc.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var target = new TempFolder("bdash-api-rs-");
        var datadir = Path.Combine(target.Path, "restored");
        using var plan = await client.PostAsJsonAsync($"/api/backups/{incId}/restore-plan", new { datadir });
        using var runbook = await client.PostAsJsonAsync($"/api/backups/{incId}/runbook", new { datadir });
        using var restore = await client.PostAsJsonAsync($"/api/backups/{incId}/restore?wait=true", new { datadir, owner = "root" });
        using var again = await client.PostAsJsonAsync($"/api/backups/{incId}/restore", new { datadir });

        Assert.Equal(["copy", "copy", "prepare", "prepare", "rename", "chown"],
            JsonDocument.Parse(await plan.Content.ReadAsStringAsync()).RootElement.GetProperty("steps").EnumerateArray().Select(st => st.GetProperty("kind").GetString()));
        Assert.StartsWith("#!/usr/bin/env bash", await runbook.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        Assert.True(File.Exists(Path.Combine(datadir, "ibdata1")));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task An_incremental_without_a_base_is_refused_with_the_reason()
    {
        using var client = await SignedInClientAsync();
        using var added = await client.PostAsJsonAsync("/api/servers", new { name = "nobase", socket = "/nonexistent.sock", user = "x", datadir = "/nonexistent" });

        using var response = await client.PostAsJsonAsync("/api/servers/nobase/backups", new { type = "incremental" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("take a full backup first", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("/tmp/x")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("bad\u0001name")]
    public async Task A_server_name_that_is_not_one_is_refused_with_a_problem_naming_the_field_and_nothing_is_registered(string name)
    {
        using var client = await SignedInClientAsync();

        using var response = await client.PostAsJsonAsync("/api/servers", new { name, socket = "/nonexistent.sock", user = "x", datadir = "/nonexistent" });
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var servers = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers", UriKind.Relative))).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("name", problem.GetProperty("field").GetString());
        Assert.DoesNotContain(servers.EnumerateArray(), s => s.GetProperty("name").GetString() == name);
    }

    [Theory]
    [InlineData("""{"name":"p1","host":"127.0.0.1","port":70000,"user":"x","datadir":"/d"}""", "port")]
    [InlineData("""{"name":"p2","socket":"/s.sock","user":"x","datadir":"relative/dir"}""", "datadir")]
    [InlineData("""{"name":"p3","socket":"/s.sock","user":"x\u0000y","datadir":"/d"}""", "user")]
    [InlineData("""{"name":"p4","socket":"/s.sock","user":"x","password":"a\u0000b","datadir":"/d"}""", "password")]
    public async Task A_registration_with_a_field_that_cannot_be_right_is_a_400_naming_it(string body, string field)
    {
        using var client = await SignedInClientAsync();

        using var response = await client.PostAsync(new Uri("/api/servers", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString());
        Assert.DoesNotContain(JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/servers", UriKind.Relative))).RootElement.EnumerateArray(),
            s => s.GetProperty("name").GetString()!.StartsWith('p'));
    }

    [Fact]
    public async Task A_name_of_10000_characters_is_refused_with_its_length()
    {
        using var client = await SignedInClientAsync();

        using var response = await client.PostAsJsonAsync("/api/servers", new { name = new string('a', 10_000), socket = "/s.sock", user = "x", datadir = "/d" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("this one has 10000", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpClient> SignedInClientAsync() => _factory.CreateSignedInClientAsync();
}
