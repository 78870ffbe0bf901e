using System.Text;

namespace BackupDashboard.InnoDb.Metadata;

/// <summary>
/// The "key = value" lines of xtrabackup_checkpoints, xtrabackup_info and .meta files, read
/// with a size cap so a huge or binary file in their place costs an error, not the memory.
/// </summary>
public static class MetadataText
{
    /// <summary>The largest metadata file read; real ones are under 2 KiB.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ReadFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(handle);
        if (length > MaxBytes)
        {
            throw new InnoDbFormatException(path, MaxBytes, $"{length} bytes is too large for a backup metadata file (at most {MaxBytes})");
        }

        var buffer = new byte[length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(read), read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return Decode(buffer.AsSpan(0, read), path);
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new InnoDbFormatException(path, MaxBytes, $"{bytes.Length} bytes is too large for a backup metadata file");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InnoDbFormatException(path, Math.Max(0, e.Index), "not UTF-8 text", e);
        }
    }

    /// <summary>Splits the lines; offsets are character offsets (bytes for ASCII files).</summary>
    public static List<MetadataEntry> Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<MetadataEntry>();
        var offset = 0;
        while (offset < text.Length)
        {
            var end = text.IndexOf('\n', offset);
            var lineEnd = end < 0 ? text.Length : end;
            var line = text.AsSpan(offset, lineEnd - offset).TrimEnd('\r');
            if (!line.IsWhiteSpace())
            {
                entries.Add(ParseLine(line, path, offset));
            }

            offset = lineEnd + 1;
        }

        return entries;
    }

    private static MetadataEntry ParseLine(ReadOnlySpan<char> line, string path, int offset)
    {
        var bad = line.IndexOfAnyInRange('\0', '\u0008');
        if (bad < 0)
        {
            bad = line.IndexOfAnyInRange('\u000B', '\u001F');
        }

        if (bad >= 0)
        {
            throw new InnoDbFormatException(path, offset + bad, "control character in a metadata line");
        }

        var equals = line.IndexOf('=');
        if (equals <= 0 || line[..equals].IsWhiteSpace())
        {
            throw new InnoDbFormatException(path, offset, $"expected \"key = value\", found \"{Excerpt(line)}\"");
        }

        return new MetadataEntry(line[..equals].Trim().ToString(), line[(equals + 1)..].Trim().ToString(), offset);
    }

    private static string Excerpt(ReadOnlySpan<char> line) => line.Length <= 40 ? line.ToString() : string.Concat(line[..40], "…");
}

/// <summary>One "key = value" line and where it started, for error messages.</summary>
public sealed record MetadataEntry(string Key, string Value, int Offset);
