using BackupDashboard.Engine.Servers;
using MySqlConnector;

namespace BackupDashboard.Engine.Sandbox;

/// <summary>
/// The sandbox's sample schema: a small shop, InnoDB throughout so backups and incrementals
/// have real pages to copy. Rows come from MariaDB's sequence engine (seq_1_to_N), so loading
/// is a handful of statements. Idempotent: an existing schema is left as it is.
/// </summary>
public static class SampleData
{
    public const string Schema = "shop";
    public const int Customers = 2_000;
    public const int Orders = 20_000;

    private static readonly string[] Statements =
    [
        $"CREATE DATABASE {Schema}",
        // seq_1_to_N tables resolve in the current database.
        $"USE {Schema}",
        $"""
        CREATE TABLE {Schema}.customers (
          id INT PRIMARY KEY,
          name VARCHAR(100) NOT NULL,
          email VARCHAR(200) NOT NULL,
          created_at DATETIME NOT NULL
        ) ENGINE=InnoDB
        """,
        $"""
        CREATE TABLE {Schema}.orders (
          id INT PRIMARY KEY,
          customer_id INT NOT NULL,
          amount_cents INT NOT NULL,
          status ENUM('new','paid','shipped') NOT NULL,
          placed_at DATETIME NOT NULL,
          KEY (customer_id)
        ) ENGINE=InnoDB
        """,
        $"""
        INSERT INTO {Schema}.customers
        SELECT seq, CONCAT('Customer ', seq), CONCAT('customer', seq, '@example.test'),
               '2026-01-01' + INTERVAL seq MINUTE
        FROM seq_1_to_{Customers}
        """,
        $"""
        INSERT INTO {Schema}.orders
        SELECT seq, 1 + seq % {Customers}, 100 + (seq * 7919) % 100000,
               ELT(1 + seq % 3, 'new', 'paid', 'shipped'), '2026-02-01' + INTERVAL seq MINUTE
        FROM seq_1_to_{Orders}
        """,
    ];

    /// <summary>Creates and fills the schema unless it exists; returns true when it loaded data.</summary>
    public static async Task<bool> LoadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var exists = await ServerConnection.ScalarAsync(connection,
            $"SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '{Schema}'", cancellationToken).ConfigureAwait(false);
        if (exists != "0")
        {
            return false;
        }

        foreach (var statement in Statements)
        {
            await ServerConnection.ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
