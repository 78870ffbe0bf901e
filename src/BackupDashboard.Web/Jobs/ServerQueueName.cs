using System.Text;

namespace BackupDashboard.Web.Jobs;

/// <summary>
/// Each database server's jobs go to a Hangfire queue named after it, so that a worker on that
/// server's host can later serve exactly its jobs. Hangfire accepts only lowercase letters,
/// digits, '_' and '-' in queue names; anything else becomes '_'. Two names that map to the same
/// queue share a worker, which only serialises them: one backup per server is enforced by
/// <see cref="BackupJobs"/>, not by the queue.
/// </summary>
public static class ServerQueueName
{
    /// <summary>Jobs that belong to no database server.</summary>
    public const string Default = "default";

    public static string For(string server)
    {
        ArgumentException.ThrowIfNullOrEmpty(server);
        var name = new StringBuilder(server.Length);
        foreach (var c in server.ToLowerInvariant())
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' ? c : '_');
        }

        // "default" is Hangfire's shared queue; a server of that name keeps its own.
        return name.ToString() == Default ? "server_default" : name.ToString();
    }
}
