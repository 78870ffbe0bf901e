using BackupDashboard.Engine.Access;
using BackupDashboard.Engine.Notifications;
using BackupDashboard.TestSupport;
using BackupDashboard.Web.Components.Pages;
using BackupDashboard.Web.Services;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackupDashboard.Web.Tests;

/// <summary>The Notifications page with the real notifier and a real webhook on loopback.</summary>
public sealed class NotificationsPageTests : ComponentTest, IDisposable
{
    private readonly WebhookReceiver _receiver = new(new WebhookReceiver.Answer(204));
    private readonly MemoryAudit _audit = new();

    [Fact]
    public void The_webhook_is_shown_by_its_host_only_and_a_test_notice_reaches_it()
    {
        var page = Render(Role.Admin, new NotificationOptions { WebhookUrl = _receiver.Url("/hooks/secret-token") });

        var channels = page.Find("#channels").TextContent;
        Assert.Contains($"http://127.0.0.1:{_receiver.Port}/…", channels, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", page.Markup, StringComparison.Ordinal);

        page.Find("#send-test").Click();

        page.WaitForAssertion(() => Assert.Equal("webhook: sent", page.Find("#test-outcome").TextContent.Trim()), TimeSpan.FromSeconds(10));
        var sent = Assert.Single(_receiver.Requests);
        Assert.Contains("\"kind\":\"test\"", sent.Body, StringComparison.Ordinal);
        Assert.Contains("test notice sent by ada", sent.Body, StringComparison.Ordinal);
        Assert.Equal(("ada", "send test notice", "done"), (_audit.Entries[0].Who, _audit.Entries[0].Action, _audit.Entries[0].Outcome));
    }

    [Fact]
    public void Without_channels_the_page_says_so_and_nothing_is_sent()
    {
        var page = Render(Role.Admin, new NotificationOptions());

        page.Find("#send-test").Click();

        Assert.Contains("No channel is configured", page.Find("#no-channels").TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains("No channel is configured", page.Find("#test-outcome").TextContent, StringComparison.Ordinal));
        Assert.Empty(_receiver.Requests);
    }

    public new void Dispose()
    {
        _receiver.Dispose();
        base.Dispose();
    }

    private IRenderedComponent<Notifications> Render(Role role, NotificationOptions options)
    {
        SignInAs("ada", role);
        Services.AddSingleton(options);
        Services.AddSingleton(Notifier.FromOptions(options, new HttpClient(), NullLogger.Instance));
        Services.AddSingleton<IAuditLog>(_audit);
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<NotificationDesk>();
        return Render<Notifications>();
    }
}
