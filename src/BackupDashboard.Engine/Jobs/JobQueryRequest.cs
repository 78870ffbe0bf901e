namespace BackupDashboard.Engine.Jobs;

/// <summary>A job-history filter as bdash jobs and GET /api/jobs take it (words, not enums), checked before anything is read.</summary>
public sealed record JobQueryRequest(string? Server, string? Kind, string? State, int? Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>The query, or the field at fault ("server", "kind", "state", "limit") and why.</summary>
    public (JobQuery? Query, string? Field, string? Problem) Resolve()
    {
        if (Server is not null && Servers.ServerName.Problem(Server) is { } badName)
        {
            return (null, "server", badName);
        }

        JobKind? kind = null;
        if (Kind is not null && (kind = JobWords.Parse<JobKind>(Kind)) is null)
        {
            return (null, "kind", $"'{Printable(Kind)}' is not a kind of run: say backup, restore, retention, verify or rehearsal.");
        }

        JobState? state = null;
        if (State is not null && (state = JobWords.Parse<JobState>(State)) is null)
        {
            return (null, "state", $"'{Printable(State)}' is not a state: say queued, running, succeeded, failed or cancelled.");
        }

        if (Limit is < 1 or > MaxLimit)
        {
            return (null, "limit", $"limit must be between 1 and {MaxLimit}.");
        }

        return (new JobQuery(Server, kind, state, Limit ?? 50), null, null);
    }

    private static string Printable(string text) => PrintableText.Of(text, 40);
}
