using BackupDashboard.Engine.Notifications;

namespace BackupDashboard.Engine.Tests.Notifications;

public class NotificationOptionsTests
{
    [Fact]
    public void Sound_settings_pass_and_the_defaults_leave_every_channel_off()
    {
        Sound().Validate();
        var defaults = new NotificationOptions();
        defaults.Validate();

        Assert.False(defaults.WebhookEnabled);
        Assert.False(defaults.Smtp.Enabled);
        Assert.Equal((3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 25, "Auto"),
            (defaults.WebhookAttempts, defaults.WebhookRetryDelay, defaults.WebhookTimeout, defaults.Smtp.Port, defaults.Smtp.UseTls));
    }

    [Theory]
    [InlineData("WebhookUrl", "hooks.example.test/bd")]
    [InlineData("WebhookUrl", "ftp://hooks.example.test/bd")]
    [InlineData("WebhookAttempts", "0")]
    [InlineData("WebhookRetryDelay", "-00:00:01")]
    [InlineData("WebhookTimeout", "00:00:00")]
    [InlineData("OverdueGrace", "-00:01:00")]
    [InlineData("Smtp:Host", "mail server")]
    [InlineData("Smtp:Port", "0")]
    [InlineData("Smtp:Port", "65536")]
    [InlineData("Smtp:UseTls", "Sometimes")]
    [InlineData("Smtp:From", "")]
    [InlineData("Smtp:From", "bdash")]
    [InlineData("Smtp:From", "a@example.test, b@example.test")]
    [InlineData("Smtp:To", "")]
    [InlineData("Smtp:To", "ops@example.test, nobody")]
    [InlineData("Smtp:Password", "")]
    [InlineData("Smtp:Timeout", "00:00:00")]
    public void A_bad_value_is_refused_naming_its_key_and_never_the_password(string key, string value)
    {
        var options = Sound();
        Set(options, key, value);

        var e = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.StartsWith($"BackupDashboard:Notifications:{key} ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.Password, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Samples.Token, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_url_that_is_refused_is_not_quoted_back()
    {
        var options = Sound();
        options.WebhookUrl = $"hooks.example.test/bd?token={Samples.Token}";

        var e = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Equal("BackupDashboard:Notifications:WebhookUrl is not an absolute http:// or https:// URL.", e.Message);
    }

    private static NotificationOptions Sound() => new()
    {
        WebhookUrl = $"https://hooks.example.test/bd?token={Samples.Token}",
        Smtp = new SmtpOptions
        {
            Host = "mail.example.test", Port = 587, UseTls = "StartTls", User = "ops", Password = Samples.Password,
            From = "BackupDashboard <bdash@example.test>", To = "ops@example.test, DBA <dba@example.test>",
        },
    };

    private static void Set(NotificationOptions options, string key, string value)
    {
        var smtp = options.Smtp;
        switch (key)
        {
            case "WebhookUrl": options.WebhookUrl = value; break;
            case "WebhookAttempts": options.WebhookAttempts = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "WebhookRetryDelay": options.WebhookRetryDelay = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "WebhookTimeout": options.WebhookTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "OverdueGrace": options.OverdueGrace = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Smtp:Host": smtp.Host = value; break;
            case "Smtp:Port": smtp.Port = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Smtp:UseTls": smtp.UseTls = value; break;
            case "Smtp:From": smtp.From = value; break;
            case "Smtp:To": smtp.To = value; break;
            case "Smtp:Password": smtp.Password = value; break;
            case "Smtp:Timeout": smtp.Timeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: throw new ArgumentException($"no case for {key}", nameof(key));
        }
    }
}
