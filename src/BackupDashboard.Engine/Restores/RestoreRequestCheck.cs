using System.Text.RegularExpressions;
using BackupDashboard.Engine.Tools;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// What an operator asked a restore to do, checked before anything is planned or written
/// (docs/restore-plans.md, "Refused before anything is written"): the target datadir and the
/// working copy folder are absolute paths of printable characters, and the owner is a
/// user[:group] of the shape chown(1) takes; when the restore is carried out, that user and group
/// must exist here, or the server could not start on what was restored.
/// </summary>
public static partial class RestoreRequestCheck
{
    private const int MaxPath = 4096;

    /// <summary>Throws <see cref="RestoreRefusedException"/> naming the field at fault.</summary>
    public static void Require(RestoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (PathProblem(options.DataDir, "datadir") is { } datadir)
        {
            throw new RestoreRefusedException(datadir, "datadir");
        }

        if (options.ScratchDir is not null && PathProblem(options.ScratchDir, "scratch") is { } scratch)
        {
            throw new RestoreRefusedException(scratch, "scratch");
        }

        if (options.ToolPath?.Any(char.IsControl) == true)
        {
            // A line break would split the runbook's commands.
            throw new RestoreRefusedException($"The tool path '{PrintableText.Of(options.ToolPath, 80)}' holds control characters.", "tool_path");
        }

        if (options.Owner.Length > 65 || !OwnerShape().IsMatch(options.Owner))
        {
            throw new RestoreRefusedException(
                $"The owner '{PrintableText.Of(options.Owner, 80)}' is not user or user:group (letters, digits, '.', '_', '-'; a user name does not start with '-').", "owner");
        }
    }

    /// <summary>Refuses an owner whose user or group does not exist on this machine (asked through NSS, so LDAP ones count).</summary>
    public static async Task RequireOwnerExistsAsync(string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var parts = owner.Split(':', 2);
        if (!(await CommandResult.RunAsync("id", ["-u", parts[0]], cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            throw new RestoreRefusedException($"The owner's user '{parts[0]}' does not exist on this machine: the server could not start on files owned by nobody it knows. Say --owner USER:GROUP.", "owner");
        }

        if (parts.Length == 2 && !(await CommandResult.RunAsync("getent", ["group", parts[1]], cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            throw new RestoreRefusedException($"The owner's group '{parts[1]}' does not exist on this machine. Say --owner USER:GROUP.", "owner");
        }
    }

    private static string? PathProblem(string? path, string name) => path switch
    {
        null or "" when name == "datadir" => "Say where to restore: datadir is required (the tools' default is /var/lib/mysql, which a restore never writes by accident).",
        null or "" => $"{name} is empty.",
        { Length: > MaxPath } => $"The {name} path has {path.Length} characters; at most {MaxPath}.",
        _ when path.Any(char.IsControl) => $"The {name} path '{PrintableText.Of(path, 80)}' holds control characters.",
        _ when !Path.IsPathFullyQualified(path) => $"The {name} path '{path}' is not absolute.",
        _ when Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) == "/" => $"The {name} cannot be the root folder.",
        _ => null,
    };

    [GeneratedRegex(@"^[A-Za-z0-9_.][A-Za-z0-9_.-]*(:[A-Za-z0-9_.][A-Za-z0-9_.-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerShape();
}
