using System.Collections.Concurrent;
using System.Net;

namespace BackupDashboard.TestSupport;

/// <summary>
/// An HTTP endpoint on 127.0.0.1 that records every request and gives the answers it was told, in
/// order (the last one for every request after). Each request is answered on its own, so a retry
/// arrives while a slow answer is still pending.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Answer[] answers;
    private int count;

    public WebhookReceiver(params Answer[] answers)
    {
        this.answers = answers;
        Port = LoopbackPort.Free();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public string Url(string pathAndQuery) => $"http://127.0.0.1:{Port}{pathAndQuery}";

    public void Dispose() => listener.Close();

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        Requests.Enqueue(new Request(context.Request.HttpMethod, context.Request.ContentType, await reader.ReadToEndAsync()));
        var answer = answers[Math.Min(Interlocked.Increment(ref count), answers.Length) - 1];
        try
        {
            await Task.Delay(answer.Delay);
            context.Response.StatusCode = answer.Status;
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up waiting: that was the point of a slow answer.
        }
    }

    public sealed record Answer(int Status, TimeSpan Delay = default);

    public sealed record Request(string Method, string? ContentType, string Body);
}
