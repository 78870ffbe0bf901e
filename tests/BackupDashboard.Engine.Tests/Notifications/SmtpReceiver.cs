using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using BackupDashboard.TestSupport;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpServerHost = SmtpServer.SmtpServer;

namespace BackupDashboard.Engine.Tests.Notifications;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package) that keeps what it receives. With a
/// user and password it requires AUTH (over plain text: there is no certificate here) and refuses
/// mail from a session that has not logged in.
/// </summary>
internal sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task running = Task.CompletedTask;

    private SmtpReceiver()
    {
        Port = LoopbackPort.Free();
    }

    public int Port { get; }

    public ConcurrentQueue<Mail> Mails { get; } = new();

    /// <summary>Every user name a client tried to log in with.</summary>
    public ConcurrentQueue<string> Logins { get; } = new();

    public static async Task<SmtpReceiver> StartAsync(string? user = null, string? password = null)
    {
        var receiver = new SmtpReceiver();
        var requireAuth = user is not null;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("receiver.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, receiver.Port)).AuthenticationRequired(requireAuth).AllowUnsecureAuthentication(requireAuth))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(receiver));
        services.Add(new DelegatingUserAuthenticator((u, p) =>
        {
            receiver.Logins.Enqueue(u);
            return string.Equals(u, user, StringComparison.Ordinal) && string.Equals(p, password, StringComparison.Ordinal);
        }));
        receiver.running = new SmtpServerHost(options, services).StartAsync(receiver.stop.Token);
        Assert.True(await Eventually.HoldsAsync(receiver.AcceptsConnectionsAsync, TimeSpan.FromSeconds(5)), "the SMTP receiver did not start listening");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public sealed record Mail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message);

    private sealed class Store(SmtpReceiver receiver) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            receiver.Mails.Enqueue(new Mail(
                $"{transaction.From.User}@{transaction.From.Host}",
                [.. transaction.To.Select(t => $"{t.User}@{t.Host}")],
                MimeMessage.Load(stream, cancellationToken)));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
