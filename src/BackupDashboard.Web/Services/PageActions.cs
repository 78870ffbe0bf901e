using BackupDashboard.Engine.Access;
using BackupDashboard.Web.Account;
using Microsoft.AspNetCore.Components.Authorization;

namespace BackupDashboard.Web.Services;

/// <summary>
/// What every changing action of a page does around the change itself: find out who clicked and
/// whether their role allows it, then write the audit entry. A click on a page is not an HTTP
/// request the audit trail would see, so the page's service writes it.
/// </summary>
internal static class PageActions
{
    /// <summary>
    /// Runs <paramref name="change"/> when the page's user holds <paramref name="needed"/> or more,
    /// turns a refusal of the engine (<typeparamref name="TRefused"/>) into <paramref name="refused"/>'s
    /// answer, and audits what came of it.
    /// </summary>
    public static async Task<T> ChangeAsync<T, TRefused>(AuthenticationStateProvider signedIn, IAuditLog audit, Role needed, string what, string action,
        Func<Task<T>> change, Func<string, T> refused, Func<T, (bool Done, string Message)> outcome)
        where TRefused : Exception
    {
        ArgumentNullException.ThrowIfNull(signedIn);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(outcome);
        var user = (await signedIn.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        T result;
        try
        {
            result = AccessPolicies.Holds(user, needed)
                ? await change().ConfigureAwait(false)
                : refused(AccessPolicies.Refusal(user, needed, what));
        }
        catch (TRefused e)
        {
            result = refused(e.Message);
        }

        // Only what was done and whether it was: a password or secret never reaches the log.
        var (done, message) = outcome(result);
        await audit.AppendAsync(user.Identity?.Name ?? "(not signed in)", "web", "page", action, done ? "done" : $"refused: {message}", CancellationToken.None)
            .ConfigureAwait(false);
        return result;
    }
}
