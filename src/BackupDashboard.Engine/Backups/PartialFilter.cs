using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BackupDashboard.Engine.Backups;

/// <summary>
/// Which databases or tables a partial backup holds, as the operator gave them and as the tools
/// take them (docs/tool-adapters.md, "Partial backups"): --databases="db1 db2" (names, a table
/// as db.table), --tables=REGEX and --tables-exclude=REGEX (matched against "db.table").
/// Recorded in the manifest and the catalog: a backup taken with a filter holds only part of the
/// server, so it is never a base and never a whole-server restore point (MariaDB, "Partial Backup
/// and Restore with mariadb-backup"; Percona, "Create a partial backup").
/// </summary>
public sealed record PartialFilter(
    [property: JsonPropertyName("databases")] string? Databases = null,
    [property: JsonPropertyName("tables")] string? Tables = null,
    [property: JsonPropertyName("tables_exclude")] string? TablesExclude = null)
{
    public const int MaxLength = 4096;

    /// <summary>The filter, or null when none of its parts is given (a whole-server backup).</summary>
    public static PartialFilter? Of(string? databases, string? tables, string? tablesExclude) =>
        databases is null && tables is null && tablesExclude is null ? null : new(databases, tables, tablesExclude);

    /// <summary>
    /// What is wrong with the filter, naming the option as the operator spells it
    /// (<paramref name="spell"/> turns "tables_exclude" into "--tables-exclude" or keeps it as the
    /// API field), or null when every part is usable.
    /// </summary>
    public (string Field, string Problem)? Problem(Func<string, string> spell)
    {
        ArgumentNullException.ThrowIfNull(spell);
        return ValueProblem("databases", Databases, regex: false, spell)
            ?? ValueProblem("tables", Tables, regex: true, spell)
            ?? ValueProblem("tables_exclude", TablesExclude, regex: true, spell);
    }

    /// <summary>The tools' own options, both tools spell them alike.</summary>
    public IEnumerable<string> ToolArguments()
    {
        if (Databases is not null)
        {
            yield return $"--databases={Databases}";
        }

        if (Tables is not null)
        {
            yield return $"--tables={Tables}";
        }

        if (TablesExclude is not null)
        {
            yield return $"--tables-exclude={TablesExclude}";
        }
    }

    /// <summary>"databases shop crm; tables ^shop[.]o; tables excluded ^shop[.]tmp" as the tables and pages show it.</summary>
    public string Describe() => string.Join("; ", new[]
    {
        Databases is null ? null : $"databases {Databases}",
        Tables is null ? null : $"tables {Tables}",
        TablesExclude is null ? null : $"tables excluded {TablesExclude}",
    }.Where(part => part is not null));

    private static (string, string)? ValueProblem(string field, string? value, bool regex, Func<string, string> spell)
    {
        if (value is null)
        {
            return null;
        }

        var name = spell(field);
        if (string.IsNullOrWhiteSpace(value))
        {
            return (field, $"{name} is empty: give {(regex ? "a regular expression matched against db.table" : "one or more database names, separated by spaces")}.");
        }

        if (value.Length > MaxLength)
        {
            return (field, $"{name} is {value.Length} characters long; at most {MaxLength}.");
        }

        if (value.Any(char.IsControl))
        {
            // A line break would split the log and the runbook's comments; the tools take none.
            return (field, $"{name} '{PrintableText.Of(value, 80)}' holds control characters.");
        }

        if (regex)
        {
            try
            {
                _ = new Regex(value, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                return (field, $"{name} '{PrintableText.Of(value, 80)}' is not a regular expression: {e.Message}");
            }
        }

        return null;
    }
}
