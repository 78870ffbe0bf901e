namespace BackupDashboard.Engine.Access;

/// <summary>A file only its owner can read (0600) from its first byte: never created readable and narrowed later.</summary>
internal static class PrivateFile
{
    public static void Replace(string path, string content)
    {
        File.Delete(path);
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(file);
        writer.Write(content);
    }
}
