namespace BackupDashboard.Engine.Access;

/// <summary>
/// The sign-in sessions the catalog knows of (docs/sessions.md). A browser's cookie names one;
/// a cookie whose session has ended is refused at its next request, however long the cookie
/// itself would still live. Sign-out ends one; a password change or removing a user ends all of
/// that user's.
/// </summary>
public interface ISessionStore
{
    /// <summary>A new live session for <paramref name="user"/>; its id goes into the cookie.</summary>
    Task<string> StartAsync(string user, string? client, CancellationToken cancellationToken);

    Task<bool> IsLiveAsync(string id, string user, CancellationToken cancellationToken);

    Task EndAsync(string id, CancellationToken cancellationToken);

    /// <summary>Ends every session of the user; how many there were.</summary>
    Task<int> EndAllAsync(string user, CancellationToken cancellationToken);
}
