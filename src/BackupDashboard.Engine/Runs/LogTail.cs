namespace BackupDashboard.Engine.Runs;

/// <summary>The end of a tool's log for a page: the last bytes of it, saying so when it was cut. The file stays whole on disk.</summary>
public static class LogTail
{
    public static string Read(string path, int maxBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var start = Math.Max(0, file.Length - maxBytes);
        file.Seek(start, SeekOrigin.Begin);
        using var reader = new StreamReader(file);
        var text = reader.ReadToEnd();
        return start > 0 ? $"(the last {maxBytes / 1024} KiB of {path})\n{text}" : text;
    }
}
