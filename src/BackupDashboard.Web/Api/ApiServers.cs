using BackupDashboard.Engine.Servers;

namespace BackupDashboard.Web.Api;

/// <summary>The check the per-server endpoints share: a name that is not one is a 400, a server that is not registered a 404.</summary>
internal static class ApiServers
{
    public static async Task<IResult?> UnknownAsync(string name, IServerRegistry servers, CancellationToken ct) =>
        ServerName.Problem(name) is { } bad ? ApiProblem.BadRequest(bad, "name")
        : await servers.FindAsync(name, ct).ConfigureAwait(false) is null ? ApiProblem.NotFound($"No server '{name}' is registered.")
        : null;
}
