using BackupDashboard.Engine.Backups;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// The restore of a partial backup (docs/restore-plans.md, "Partial backups"): never a copy-back
/// of a whole datadir, which the tools warn may leave the server inconsistent (Percona, "Create
/// a partial backup": "Do not copy back the prepared backup"). Instead its tables are imported
/// one by one into a running server through InnoDB's transportable tablespaces (MariaDB,
/// "Restoring Individual Tables and Partitions with mariadb-backup"; Percona, "Restore
/// individual tables"): prepare with --export, which writes each table's .cfg; then, for each
/// table, the table must exist on the target with the same definition, ALTER TABLE … DISCARD
/// TABLESPACE, its .ibd and .cfg copied into the target's datadir owned by the server's user,
/// ALTER TABLE … IMPORT TABLESPACE. The operator runs these steps (bdash restore refuses to).
/// </summary>
internal static class PartialRestorePlanner
{
    /// <summary>System schemas are the server's own: importing their tables into a running server would replace its users or statistics.</summary>
    private static readonly HashSet<string> SystemSchemas = new(StringComparer.Ordinal) { "mysql", "sys", "performance_schema", "information_schema" };

    public static RestorePlan Plan(BackupRecord point, RestoreOptions options)
    {
        if (options.MoveBack)
        {
            throw new RestoreRefusedException($"Cannot restore {point.Id} with --move-back: {CopyBackRefusal(point)}", "move_back");
        }

        if (options.Verify)
        {
            throw new RestoreRefusedException(
                $"Cannot restore {point.Id} with --verify: verify starts a temporary server on a restored datadir, and a partial backup is imported table by table into a running server instead. Check the imported tables there with CHECK TABLE.", "verify");
        }

        var tables = TablesIn(point.TargetDir, out var skipped);
        if (tables.Count == 0)
        {
            throw new RestoreRefusedException(
                $"Cannot restore {point.Id}: its target {point.TargetDir} holds no InnoDB file-per-table table to import{(skipped.Count > 0 ? $" (skipped: {string.Join("; ", skipped)})" : "")}.");
        }

        var tool = options.ToolPath ?? point.ToolName;
        var client = point.ToolName == "mariabackup" ? "mariadb" : "mysql";
        var dir = options.WorkDir is { } work ? Path.Combine(work, point.Id) : point.TargetDir;
        var steps = new List<RestoreStep>();
        if (options.WorkDir is not null)
        {
            steps.Add(CopySteps.WorkingCopy(point, dir, sparse: false));
        }

        steps.Add(new RestoreStep(RestoreStepKind.Prepare, [tool, "--prepare", "--export", $"--target-dir={dir}"],
            $"Prepare {point.Id} in {dir} with --export: applies its redo log and writes a .cfg file beside each table's .ibd, the table's metadata that IMPORT TABLESPACE checks the target table against. A partial backup is never copied back as a whole datadir: {CopyBackRefusal(point)}",
            point.Id));
        foreach (var table in tables)
        {
            steps.AddRange(ImportSteps(table, client, dir, options));
        }

        var warnings = new List<string>
        {
            $"{point.Id} is a partial backup{(point.Filter is { } filter ? $" ({filter.Describe()})" : "")}: this plan imports {tables.Count} table(s) one by one into the running server whose datadir is {options.DataDir}. The operator runs these steps (bdash restore --runbook prints them as a script); bdash restore does not carry them out.",
            $"The {client} client steps connect as your option files say (~/.my.cnf, [client]): connect to the target server as a user allowed to ALTER these tables. Run the file copies as root, on the target server's host.",
        };
        warnings.AddRange(skipped.Select(s => $"Not imported: {s}"));
        if (options.InPlace)
        {
            warnings.Add($"In place: prepare --export rewrites the stored {point.Id} itself; it is no longer the backup it was. Without --in-place a working copy is prepared instead.");
        }

        return new RestorePlan(point, [point], steps, dir, options, warnings)
        {
            CheckpointsFileName = Path.GetFileName(InnoDb.Metadata.CheckpointsFile.FindIn(point.TargetDir)) ?? Tools.ToolCapabilities.XtraBackupCheckpoints,
        };
    }

    /// <summary>Why the whole datadir of a partial backup is never copied or moved back.</summary>
    public static string CopyBackRefusal(BackupRecord point) =>
        $"{point.Id} is a partial backup (only some tables), and copying it back as a whole datadir would give a server without the rest of its tables and system tablespace state that does not match them (the tools warn this may lead to database inconsistencies). Its tables are imported one by one instead (docs/restore-plans.md, \"Partial backups\").";

    /// <summary>The four steps of one table, each an argv the operator runs as printed.</summary>
    private static IEnumerable<RestoreStep> ImportSteps(BackupTable table, string client, string preparedDir, RestoreOptions options)
    {
        var name = $"{table.Database}.{table.Table}";
        var quoted = $"{Identifier(table.Database)}.{Identifier(table.Table)}";
        var targetFolder = Path.Combine(options.DataDir, table.Folder);
        var (user, group) = SplitOwner(options.Owner);
        yield return new RestoreStep(RestoreStepKind.TableCheck, [client, $"--execute=SHOW CREATE TABLE {quoted}"],
            $"{name} must exist on the target server with the same definition it had when backed up: IMPORT TABLESPACE refuses a table whose columns or row format differ. This fails if it is missing; then create it first (SHOW CREATE TABLE {quoted} on the source, or the schema from mariadb-dump --no-data) and go on.",
            null) { Table = table.Label };
        yield return new RestoreStep(RestoreStepKind.DiscardTablespace, [client, $"--execute=ALTER TABLE {quoted} DISCARD TABLESPACE"],
            $"Detach {name}'s current data file on the target: the server deletes its .ibd, and the table's rows are gone until the import below. Nothing else on the server changes.",
            null) { Table = table.Label };
        string[] install = group is null
            ? ["install", "-m", "0660", "-o", user, table.Ibd(preparedDir), table.Cfg(preparedDir), targetFolder + "/"]
            : ["install", "-m", "0660", "-o", user, "-g", group, table.Ibd(preparedDir), table.Cfg(preparedDir), targetFolder + "/"];
        yield return new RestoreStep(RestoreStepKind.CopyTableFiles, install,
            $"Copy {name}'s prepared .ibd and .cfg into the target's datadir folder {targetFolder}, owned by {options.Owner} (the server's user must read and write them): install(1) copies and sets owner and mode in one command.",
            null) { Table = table.Label };
        yield return new RestoreStep(RestoreStepKind.ImportTablespace, [client, $"--execute=ALTER TABLE {quoted} IMPORT TABLESPACE"],
            $"Attach the copied .ibd to {name}: the server checks it against the .cfg and the table's definition and the backed-up rows are back.",
            null) { Table = table.Label };
    }

    private static (string User, string? Group) SplitOwner(string owner) => owner.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
        ? (owner[..colon], owner[(colon + 1)..])
        : (owner, null);

    /// <summary>A MariaDB/MySQL identifier in backticks, a backtick in it doubled.</summary>
    internal static string Identifier(string name) => $"`{name.Replace("`", "``", StringComparison.Ordinal)}`";

    /// <summary>
    /// The tables a backup holds as file-per-table tablespaces: each db/table.ibd (or the .new
    /// that prepare renames to it) one folder below the target. Partitions (table#P#p0.ibd) and system schemas are listed as skipped.
    /// </summary>
    internal static List<BackupTable> TablesIn(string targetDir, out List<string> skipped)
    {
        skipped = [];
        var tables = new List<BackupTable>();
        if (!Directory.Exists(targetDir))
        {
            return tables;
        }

        foreach (var folder in Directory.EnumerateDirectories(targetDir).Order(StringComparer.Ordinal))
        {
            var database = TableFileNames.Decode(Path.GetFileName(folder));
            foreach (var file in TableFiles(folder, skipped))
            {
                if (SystemSchemas.Contains(database))
                {
                    skipped.Add($"{database}.{TableFileNames.Decode(file)} (a system table of the server: never imported into a running one)");
                }
                else if (file.Contains("#P#", StringComparison.OrdinalIgnoreCase))
                {
                    skipped.Add($"{database}.{TableFileNames.Decode(file)} (a partition: import partitions as MariaDB's \"Restoring Individual Tables and Partitions\" describes)");
                }
                else
                {
                    tables.Add(new BackupTable(Path.GetFileName(folder), file, database, TableFileNames.Decode(file)));
                }
            }
        }

        return tables;
    }

    /// <summary>
    /// The tables of one database folder, by file name without extension. mariabackup tracks DDL
    /// during the backup (MariaDB extra/mariabackup/xtrabackup.cpp, backup_file_op): a table
    /// created or rebuilt while it ran is copied as table.new, which prepare renames to
    /// table.ibd; one dropped has a table.del, which prepare deletes; one renamed a table.ren.
    /// </summary>
    private static SortedSet<string> TableFiles(string folder, List<string> skipped)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var extension = Path.GetExtension(path);
            if (extension is ".ibd" or ".new")
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
            else if (extension == ".ren")
            {
                skipped.Add($"{Path.GetFileName(folder)}/{Path.GetFileName(path)} (a table renamed while the backup ran: after prepare, check the .ibd files in the prepared copy against the tables listed here)");
            }
        }

        names.RemoveWhere(name => File.Exists(Path.Combine(folder, name + ".del")));
        return names;
    }

    /// <summary>One table's files in the backup: <see cref="Folder"/> and <see cref="File"/> as on disk, the names decoded.</summary>
    internal sealed record BackupTable(string Folder, string File, string Database, string Table)
    {
        public string Label => $"{Database}.{Table}";

        public string Ibd(string preparedDir) => Path.Combine(preparedDir, Folder, File + ".ibd");

        public string Cfg(string preparedDir) => Path.Combine(preparedDir, Folder, File + ".cfg");
    }
}
