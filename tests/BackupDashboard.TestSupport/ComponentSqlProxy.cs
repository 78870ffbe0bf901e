using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace BackupDashboard.TestSupport;

/// <summary>
/// A MySQL-protocol TCP proxy on 127.0.0.1 (never another address) in front of a throwaway
/// MariaDB, for <see cref="PageTrackingServer"/>. It forwards bytes both ways and changes only
/// what MariaDB cannot parse of MySQL's mysqlbackup component:
/// <list type="bullet">
/// <item>a COM_QUERY <c>INSTALL COMPONENT "urn"</c> / <c>UNINSTALL COMPONENT "urn"</c> becomes
/// <c>CALL mysql.install_component("urn")</c> / <c>CALL mysql.uninstall_component("urn")</c>;</item>
/// <item>a bare <c>mysqlbackup_page_track_*(</c> call becomes <c>mysql.mysqlbackup_page_track_*(</c>
/// (MySQL's component functions are global; the double's stored functions live in <c>mysql</c>);</item>
/// <item>the server greeting loses CLIENT_SSL, so no client switches to TLS the proxy could not read.</item>
/// </list>
/// Packets are MySQL's: 3-byte length, 1-byte sequence, payload; a command starts at sequence 0.
/// </summary>
public sealed partial class ComponentSqlProxy : IAsyncDisposable
{
    private const byte ComQuery = 0x03;
    private const uint ClientSsl = 0x0800;
    private const int MaxPayload = 0xFFFFFF;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Task<Stream>> _connectUpstream;
    private readonly Task _accepting;

    public ComponentSqlProxy(Func<Task<Stream>> connectUpstream)
    {
        _connectUpstream = connectUpstream;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The query as the double's server runs it (public: the rewriting has its own tests).</summary>
    public static string Rewrite(string query)
    {
        var component = ComponentStatement().Match(query);
        if (component.Success)
        {
            var verb = component.Groups[1].Success ? "uninstall" : "install";
            return $"CALL mysql.{verb}_component({component.Groups[2].Value})";
        }

        return TrackingCall().Replace(query, "mysql.$1(");
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var upstream = await _connectUpstream();
                var down = client.GetStream();
                var greeting = await ReadPacketAsync(upstream);
                if (greeting is null)
                {
                    return;
                }

                await WritePacketAsync(down, greeting.Value.Sequence, WithoutSsl(greeting.Value.Payload));
                var toServer = ClientToServerAsync(down, upstream);
                var toClient = upstream.CopyToAsync(down, _stop.Token);
                await Task.WhenAny(toServer, toClient);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A client or the server hung up: the connection ends, as it would without the proxy.
            }
        }
    }

    private async Task ClientToServerAsync(Stream client, Stream server)
    {
        while (await ReadPacketAsync(client) is { } packet)
        {
            var payload = packet.Payload;
            if (packet.Sequence == 0 && payload.Length is > 1 and < MaxPayload && payload[0] == ComQuery)
            {
                var query = Encoding.UTF8.GetString(payload, 1, payload.Length - 1);
                payload = [ComQuery, .. Encoding.UTF8.GetBytes(Rewrite(query))];
            }

            await WritePacketAsync(server, packet.Sequence, payload);
        }
    }

    /// <summary>Protocol version, NUL-terminated server version, thread id (4), scramble (8), filler (1), then the low capability flags.</summary>
    private static byte[] WithoutSsl(byte[] greeting)
    {
        var flagsAt = Array.IndexOf(greeting, (byte)0, 1) + 1 + 4 + 8 + 1;
        if (greeting.Length >= flagsAt + 2)
        {
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(greeting.AsSpan(flagsAt));
            BinaryPrimitives.WriteUInt16LittleEndian(greeting.AsSpan(flagsAt), (ushort)(flags & ~ClientSsl));
        }

        return greeting;
    }

    private async Task<(byte Sequence, byte[] Payload)?> ReadPacketAsync(Stream stream)
    {
        var header = new byte[4];
        if (!await ReadExactlyAsync(stream, header))
        {
            return null;
        }

        var payload = new byte[header[0] | (header[1] << 8) | (header[2] << 16)];
        return await ReadExactlyAsync(stream, payload) ? (header[3], payload) : null;
    }

    private async Task<bool> ReadExactlyAsync(Stream stream, byte[] buffer)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, _stop.Token);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private async Task WritePacketAsync(Stream stream, byte sequence, byte[] payload)
    {
        byte[] header = [(byte)payload.Length, (byte)(payload.Length >> 8), (byte)(payload.Length >> 16), sequence];
        await stream.WriteAsync(header, _stop.Token);
        await stream.WriteAsync(payload, _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    [GeneratedRegex(@"^\s*(UN)?INSTALL\s+COMPONENT\s+((?:""[^""]*""|'[^']*'))\s*;?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ComponentStatement();

    [GeneratedRegex(@"(?<![.\w`])(mysqlbackup_page_track_\w+)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex TrackingCall();
}
