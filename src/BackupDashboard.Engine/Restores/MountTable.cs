using System.Text;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Which mount a path is on, from /proc/self/mountinfo (proc(5)): rename(2) works only inside
/// one mount (EXDEV otherwise, even between two bind mounts of the same disk), so a working copy
/// can be renamed into the datadir only when both sit on the same mount.
/// </summary>
internal static class MountTable
{
    private const string MountInfo = "/proc/self/mountinfo";

    /// <summary>The mount point holding <paramref name="path"/> (or its nearest existing ancestor); null when unreadable.</summary>
    public static string? MountOf(string path) => Find(path)?.Point;

    /// <summary>The device (major:minor) of that mount: two mounts of one device share its free space.</summary>
    public static string? DeviceOf(string path) => Find(path)?.Device;

    private static (string Point, string Device)? Find(string path)
    {
        if (!File.Exists(MountInfo))
        {
            return null;
        }

        var existing = ExistingAncestor(path);
        (string Point, string Device)? best = null;
        foreach (var line in File.ReadLines(MountInfo))
        {
            // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": field 5 is the mount point.
            var fields = line.Split(' ');
            if (fields.Length < 5)
            {
                continue;
            }

            var point = Unescape(fields[4]);
            if (Contains(point, existing) && (best is null || point.Length >= best.Value.Point.Length))
            {
                best = (point, fields[2]); // later lines mount over earlier ones on the same point
            }
        }

        return best;
    }

    /// <summary>True when the path is itself a mount point (a datadir on its own disk, as /var/lib/mysql often is).</summary>
    public static bool IsMountPoint(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return Directory.Exists(full) && string.Equals(MountOf(full), full, StringComparison.Ordinal);
    }

    public static string ExistingAncestor(string path)
    {
        var dir = new DirectoryInfo(Path.GetFullPath(path));
        while (!dir.Exists && dir.Parent is not null)
        {
            dir = dir.Parent;
        }

        // A symlink in the path leads to wherever it points; the real path decides the mount.
        return dir.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dir.FullName;
    }

    private static bool Contains(string mountPoint, string path) =>
        mountPoint == "/" || path == mountPoint || path.StartsWith(mountPoint + "/", StringComparison.Ordinal);

    /// <summary>mountinfo writes space, tab, newline and backslash in paths as octal escapes (\040 …).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && !field.AsSpan(i + 1, 3).ContainsAnyExceptInRange('0', '7'))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
