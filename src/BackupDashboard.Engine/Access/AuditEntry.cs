using System.Text.Json.Serialization;

namespace BackupDashboard.Engine.Access;

/// <summary>
/// One line of the audit log (docs/audit.md): who did what, when, from where (the client address,
/// or "local" for bdash), through what (web, api, cli) and with what outcome. Appended only: the
/// product has no way to change or delete one.
/// </summary>
public sealed record AuditEntry(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("who")] string Who,
    [property: JsonPropertyName("via")] string Via,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("outcome")] string Outcome);

/// <summary>The audit log in the catalog: append and read, nothing else.</summary>
public interface IAuditLog
{
    Task AppendAsync(string who, string via, string address, string action, string outcome, CancellationToken cancellationToken);

    /// <summary>The newest entries first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken);
}
