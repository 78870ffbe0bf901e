using MailKit.Security;
using MimeKit;

namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// "BackupDashboard:Notifications:Smtp": the mail server notices go through. Off while
/// <see cref="Host"/> is empty. Give <see cref="Password"/> by environment variable
/// (BackupDashboard__Notifications__Smtp__Password), not in appsettings.json.
/// </summary>
public sealed class SmtpOptions
{
    private static readonly Dictionary<string, SecureSocketOptions> TlsModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Auto"] = SecureSocketOptions.Auto,
        ["None"] = SecureSocketOptions.None,
        ["StartTls"] = SecureSocketOptions.StartTls,
        ["Tls"] = SecureSocketOptions.SslOnConnect,
    };

    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    /// <summary>
    /// "Auto" (default): TLS from the first byte on port 465, STARTTLS wherever the server offers
    /// it; "StartTls": STARTTLS or fail; "Tls": TLS from the first byte; "None": plain text.
    /// Whatever the mode, the password is only sent over plain text when "None" was asked for.
    /// </summary>
    public string UseTls { get; set; } = "Auto";

    /// <summary>Empty: no authentication.</summary>
    public string User { get; set; } = "";

    /// <summary>A secret: never logged, never quoted in a message.</summary>
    public string Password { get; set; } = "";

    public string From { get; set; } = "";

    /// <summary>One address or several, separated by commas ("ops@example.com, dba@example.com").</summary>
    public string To { get; set; } = "";

    /// <summary>How long the whole conversation with the server may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The parsed <see cref="To"/>; call after <see cref="Validate"/>.</summary>
    public IReadOnlyList<MailboxAddress> Recipients() => Addresses(To) ?? [];

    /// <summary>The parsed <see cref="From"/>; call after <see cref="Validate"/>.</summary>
    public MailboxAddress Sender() => Addresses(From) is [var one] ? one : throw new InvalidOperationException("Smtp:From is not one address.");

    /// <summary>MailKit's form of <see cref="UseTls"/>; call after <see cref="Validate"/>.</summary>
    internal SecureSocketOptions Security() => TlsModes[UseTls.Trim()];

    internal void Validate(string section)
    {
        if (!Enabled)
        {
            return;
        }

        NotificationOptions.Require(Uri.CheckHostName(Host.Trim()) != UriHostNameType.Unknown, section, nameof(Host), $"'{PrintableText.Of(Host, 100)}' is not a host name or IP address");
        NotificationOptions.Require(Port is >= 1 and <= 65535, section, nameof(Port), $"is {Port}: a port is 1 to 65535");
        NotificationOptions.Require(TlsModes.ContainsKey(UseTls.Trim()), section, nameof(UseTls), $"is '{PrintableText.Of(UseTls, 50)}': give Auto, None, StartTls or Tls");
        NotificationOptions.Require(Addresses(From) is [_], section, nameof(From), string.IsNullOrWhiteSpace(From) ? "is empty: email needs a sender address" : $"'{PrintableText.Of(From, 200)}' is not one email address");
        NotificationOptions.Require(Addresses(To) is [_, ..], section, nameof(To), string.IsNullOrWhiteSpace(To) ? "is empty: email needs at least one recipient" : $"'{PrintableText.Of(To, 200)}' is not a comma-separated list of email addresses");
        NotificationOptions.Require(string.IsNullOrEmpty(User) || !string.IsNullOrEmpty(Password), section, nameof(Password), "is empty while User is set");
        NotificationOptions.Require(Timeout > TimeSpan.Zero && Timeout <= TimeSpan.FromMinutes(10), section, nameof(Timeout), $"is {Timeout}: give more than 00:00:00, at most 00:10:00");
    }

    /// <summary>Null unless every part is a mailbox with a local part and a domain.</summary>
    private static List<MailboxAddress>? Addresses(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || !InternetAddressList.TryParse(text, out var parsed))
        {
            return null;
        }

        var mailboxes = parsed.OfType<MailboxAddress>().ToList();
        var sound = mailboxes.Count == parsed.Count
            && mailboxes.All(m => m.Address.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < m.Address.Length - 1);
        return sound ? mailboxes : null;
    }
}
