using System.Text;

namespace BackupDashboard.Engine.Tools;

/// <summary>
/// Writes a value for a MariaDB/MySQL option file so that it reads back exactly. The reader
/// (mysys/my_default.c, search_default_file_with_ext) trims spaces around the value, drops one
/// pair of matching quotes around it, ends the value at a '#' outside quotes, and decodes
/// \n \t \r \b \s \" \' \\ (any other backslash is kept as is). So: double quotes around every
/// value, a backslash before backslashes and quotes, and escapes for control characters.
/// </summary>
internal static class OptionFileValue
{
    // The reader takes lines of at most 4 KiB (fgets into a 4096-byte buffer).
    private const int MaxLength = 4000;

    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An option file value cannot hold a NUL character.", nameof(value));
        }

        var quoted = new StringBuilder(value.Length + 8).Append('"');
        foreach (var c in value)
        {
            var escaped = c switch
            {
                '\\' or '"' or '\'' => c,
                '\n' => 'n',
                '\r' => 'r',
                '\t' => 't',
                '\b' => 'b',
                _ => (char?)null,
            };
            if (escaped is { } e)
            {
                quoted.Append('\\').Append(e);
            }
            else
            {
                quoted.Append(c);
            }
        }

        var result = quoted.Append('"').ToString();
        if (Encoding.UTF8.GetByteCount(result) > MaxLength)
        {
            throw new ArgumentException($"An option file value must stay under {MaxLength} bytes once escaped.", nameof(value));
        }

        return result;
    }
}
