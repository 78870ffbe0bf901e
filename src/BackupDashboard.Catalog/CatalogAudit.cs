using System.Globalization;
using BackupDashboard.Engine.Access;
using Microsoft.Data.Sqlite;

namespace BackupDashboard.Catalog;

/// <summary>
/// The audit log in the catalog's audit table, in plain SQL: an INSERT per entry (bdash appends
/// one per changing verb, so it must not pay for EF Core's start), a SELECT to read. There is no
/// UPDATE or DELETE anywhere in the product.
/// </summary>
public sealed class CatalogAudit(string catalogFile, TimeProvider clock) : IAuditLog
{
    /// <summary>Longer fields are cut: an entry records a request, it does not store its payload.</summary>
    private const int MaxField = 500;

    public async Task AppendAsync(string who, string via, string address, string action, string outcome, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={catalogFile}");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit (At, Who, Via, Address, Action, Outcome) VALUES ($at, $who, $via, $address, $action, $outcome)";
        command.Parameters.AddWithValue("$at", clock.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$who", Cut(who));
        command.Parameters.AddWithValue("$via", Cut(via));
        command.Parameters.AddWithValue("$address", Cut(address));
        command.Parameters.AddWithValue("$action", Cut(action));
        command.Parameters.AddWithValue("$outcome", Cut(outcome));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={catalogFile}");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id, At, Who, Via, Address, Action, Outcome FROM audit ORDER BY Id DESC LIMIT {Math.Clamp(limit, 1, 10_000).ToString(CultureInfo.InvariantCulture)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        return entries;
    }

    private static string Cut(string? text) =>
        text is null ? "" : new string([.. text.Take(MaxField).Select(c => char.IsControl(c) ? '?' : c)]);
}
