using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BackupDashboard.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackupDashboard.Web.Tests;

/// <summary>
/// Guessing passwords: five wrong ones lock the user out (429 with Retry-After, even for the right
/// password) until the lockout ends, when the right password gets in; the rate limiter answers
/// 429 past its attempts per minute.
/// </summary>
public sealed class SignInThrottleTests : IDisposable
{
    private readonly TempFolder _data = new("bdash-throttle-");

    [Fact]
    public async Task Five_wrong_passwords_lock_the_user_out_and_the_right_one_gets_in_after_the_lockout()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        factory.Settings["BackupDashboard:SignIn:Lockout"] = "00:00:03";
        var password = await factory.AdminPasswordAsync();
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var guess = await GetAsync(client, "admin", $"guess {i}");
            wrong.Add(guess.StatusCode);
        }

        using var locked = await GetAsync(client, "admin", password);
        var lockedBody = await locked.Content.ReadAsStringAsync();
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        using var afterwards = await GetAsync(client, "admin", password);

        Assert.All(wrong, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
        Assert.Contains("Too many wrong passwords", lockedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task Past_its_attempts_per_minute_an_address_is_answered_429()
    {
        using var factory = DashboardFactory.OnDataFolder(_data.Path);
        factory.Settings["BackupDashboard:SignIn:AttemptsPerMinute"] = "3";
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using (await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
        }

        // The first password opens /api/account before it is changed; every attempt counts.
        var password = (await File.ReadAllTextAsync(_data.Combine("initial-admin-password"))).Trim();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var attempt = await GetAsync(client, "admin", password, "/api/account");
            answers.Add(attempt.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    public void Dispose() => _data.Dispose();

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string user, string password, string path = "/api/servers")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client.SendAsync(request);
    }
}
