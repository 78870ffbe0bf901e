namespace BackupDashboard.Engine.Tools;

/// <summary>
/// Finds a program the way an operator's shell would, plus the sbin folders: Debian installs
/// mariadbd in /usr/sbin, which is not on a normal user's PATH.
/// </summary>
public static class ExecutableFinder
{
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

    public static string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutable(name) ? Path.GetFullPath(name) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(ExtraDirectories)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(IsExecutable);
    }

    /// <summary>Like <see cref="Find"/>, but a missing program is an error that says how to get it.</summary>
    public static string Require(string name, string debianPackage) =>
        Find(name) ?? throw new FileNotFoundException(
            $"'{name}' was not found on PATH or in /usr/sbin. Install it with: apt-get install -y {debianPackage} " +
            "(./test.sh and ./run.sh do this for you).", name);

    private static bool IsExecutable(string file) =>
        File.Exists(file) &&
        (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
