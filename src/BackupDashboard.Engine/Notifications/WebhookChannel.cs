using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackupDashboard.Engine.Notifications;

/// <summary>
/// POSTs each notice as JSON (docs/notifications.md shows the body). A connection failure, a
/// timeout, an HTTP 5xx or 429 is tried again after the retry delay, up to the configured
/// attempts; any other 4xx is the receiver refusing this body, which no retry changes.
/// </summary>
public sealed class WebhookChannel : INotificationChannel
{
    private readonly HttpClient http;
    private readonly Uri url;
    private readonly int attempts;
    private readonly TimeSpan retryDelay;
    private readonly TimeSpan timeout;

    /// <param name="http">Not disposed here: the host owns it (IHttpClientFactory or one shared instance).</param>
    /// <param name="options">Validated (<see cref="NotificationOptions.Validate"/>), with a webhook URL.</param>
    public WebhookChannel(HttpClient http, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        url = new Uri(options.WebhookUrl.Trim(), UriKind.Absolute);
        attempts = options.WebhookAttempts;
        retryDelay = options.WebhookRetryDelay;
        timeout = options.WebhookTimeout;
    }

    public string Name => "webhook";

    /// <summary>Where it sends, as far as it may be told: the URL's path and query can hold a token.</summary>
    public string Target => $"{url.Host}:{url.Port}";

    public async Task SendAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = Body(notice);
        var lastError = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(retryDelay, cancellationToken).ConfigureAwait(false);
            }

            var (done, retry, error) = await TryOnceAsync(body, cancellationToken).ConfigureAwait(false);
            if (done)
            {
                return;
            }

            lastError = error;
            if (!retry)
            {
                throw new NotificationFailedException(Name, Target, attempt, lastError);
            }
        }

        throw new NotificationFailedException(Name, Target, attempts, lastError);
    }

    /// <summary>The notice's own fields, with "product" and a chat-friendly "text" first.</summary>
    public static JsonObject Body(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var body = new JsonObject { ["product"] = "BackupDashboard", ["text"] = notice.Headline() };
        foreach (var (name, value) in JsonSerializer.SerializeToNode(notice)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        return body;
    }

    private async Task<(bool Done, bool Retry, string Error)> TryOnceAsync(JsonObject body, CancellationToken cancellationToken)
    {
        using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptTimeout.CancelAfter(timeout);
        try
        {
            using var response = await http.PostAsJsonAsync(url, body, attemptTimeout.Token).ConfigureAwait(false);
            var status = response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (true, false, "");
            }

            var retry = (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
            return (false, retry, $"HTTP {(int)status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, true, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            // .NET names host:port in these, never the path; the query is cut all the same should that change.
            return (false, true, Scrub(e.Message));
        }
    }

    private string Scrub(string message) => url.Query.Length > 1 ? message.Replace(url.Query, "?…", StringComparison.Ordinal) : message;
}
