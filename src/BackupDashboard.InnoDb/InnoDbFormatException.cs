namespace BackupDashboard.InnoDb;

/// <summary>
/// A file is not what its name says: truncated, torn, wrong magic, impossible sizes or garbage.
/// The one exception the parsers throw on bad input; it names the file and the byte offset.
/// </summary>
public sealed class InnoDbFormatException : FormatException
{
    public InnoDbFormatException()
        : this("(unknown file)", 0, "Invalid InnoDB or backup file.")
    {
    }

    public InnoDbFormatException(string message)
        : this("(unknown file)", 0, message)
    {
    }

    public InnoDbFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "(unknown file)";
    }

    public InnoDbFormatException(string path, long offset, string problem, Exception? innerException = null)
        : base($"{path} at offset {offset}: {problem}", innerException)
    {
        Path = path;
        Offset = offset;
        Problem = problem;
    }

    public string Path { get; }
    public long Offset { get; }
    public string Problem { get; } = "";
}
