using System.Globalization;
using System.Security.Cryptography;
using BackupDashboard.Engine.Runs;
using System.Text;

namespace BackupDashboard.Engine.Tools;

/// <summary>
/// A [client] option file for --defaults-extra-file, so that the password is never on a command
/// line (where every user can read it in /proc/PID/cmdline) or in a log. It lives under the data
/// folder's credentials/ (0700), in a fresh directory only its owner can enter (0700) named after
/// the process that made it, is created 0600 (never readable by others, not even for a moment)
/// and is deleted with its directory on dispose. A process killed before it could delete its
/// file leaves it behind; <see cref="RemoveLeftovers"/> deletes those at the next start.
/// </summary>
public sealed class CredentialsFile : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory;

    private CredentialsFile(string directory, string path)
    {
        _directory = directory;
        Path = path;
    }

    public string Path { get; }

    public static CredentialsFile Create(string folder, string user, string? password, string? host, int? port, string? socket)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentException.ThrowIfNullOrEmpty(user);
        var content = Render(user, password, host, port, socket);

        Directory.CreateDirectory(folder, OwnerOnlyDirectory);
        File.SetUnixFileMode(folder, OwnerOnlyDirectory);
        // "<pid>.<starttime>" of this process (RemoveLeftovers reads it back), then an unguessable
        // part, so no two runs ever share a directory.
        var name = $"{RunnerProcess.Current.Replace(':', '.')}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        var directory = System.IO.Path.Combine(folder, name);
        Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        try
        {
            var path = System.IO.Path.Combine(directory, "client.cnf");
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            };
            using (var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
            {
                writer.Write(content);
            }

            return new CredentialsFile(directory, path);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Deletes the credentials directories whose process is gone (killed before it could clean
    /// up). Directories of running processes, this one's included, are left alone.
    /// </summary>
    public static IReadOnlyList<string> RemoveLeftovers(string folder)
    {
        var removed = new List<string>();
        if (!Directory.Exists(folder))
        {
            return removed;
        }

        foreach (var directory in Directory.EnumerateDirectories(folder))
        {
            var parts = System.IO.Path.GetFileName(directory).Split('.');
            if (parts.Length == 3 && !RunnerProcess.IsAlive($"{parts[0]}:{parts[1]}"))
            {
                Directory.Delete(directory, recursive: true);
                removed.Add(directory);
            }
        }

        return removed;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    internal static string Render(string user, string? password, string? host, int? port, string? socket)
    {
        var text = new StringBuilder("[client]\n");
        text.Append("user=").Append(OptionFileValue.Quote(user)).Append('\n');
        if (password is not null)
        {
            text.Append("password=").Append(OptionFileValue.Quote(password)).Append('\n');
        }

        if (host is not null)
        {
            text.Append("host=").Append(OptionFileValue.Quote(host)).Append('\n');
        }

        if (port is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p, nameof(port));
            text.Append("port=").Append(p.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        if (socket is not null)
        {
            text.Append("socket=").Append(OptionFileValue.Quote(socket)).Append('\n');
        }

        return text.ToString();
    }
}
