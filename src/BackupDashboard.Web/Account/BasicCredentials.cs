using System.Net.Http.Headers;
using System.Text;

namespace BackupDashboard.Web.Account;

/// <summary>The user and password of a request's `Authorization: Basic` header, read once for the throttle and the sign-in.</summary>
internal sealed record BasicCredentials(string User, string? Password)
{
    /// <summary>Null when the request has no Basic header; <see cref="Invalid"/> when its value is not base64.</summary>
    public static BasicCredentials? From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, BasicAuthentication.SchemeName, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Invalid;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new BasicCredentials(decoded, null) : new BasicCredentials(decoded[..colon], decoded[(colon + 1)..]);
    }

    /// <summary>A Basic header whose value is not base64.</summary>
    public static BasicCredentials Invalid { get; } = new("", null);
}
