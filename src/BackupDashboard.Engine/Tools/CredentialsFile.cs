using System.Globalization;
using System.Text;

namespace BackupDashboard.Engine.Tools;

/// <summary>
/// A [client] option file for --defaults-extra-file, so that the password is never on a command
/// line (where every user can read it in /proc/PID/cmdline) or in a log. It lives in a fresh
/// temp directory only its owner can enter (0700), is created 0600 (never readable by others,
/// not even for a moment) and is deleted with its directory on dispose.
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

    public static CredentialsFile Create(string user, string? password, string? host, int? port, string? socket)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        var content = Render(user, password, host, port, socket);

        // mkdtemp(3) underneath: a new directory with mode 0700 and an unguessable name.
        var directory = Directory.CreateTempSubdirectory("bdash-cred-").FullName;
        try
        {
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
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
