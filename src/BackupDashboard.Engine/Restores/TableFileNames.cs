using System.Globalization;
using System.Text;

namespace BackupDashboard.Engine.Restores;

/// <summary>
/// Database and table names as the server writes them on disk: a character outside [A-Za-z0-9_]
/// becomes "@" and four hex digits of its code ("my-db" is my@002ddb; MariaDB sql/strfunc.cc and
/// strings/ctype-utf8.c, my_charset_filename). Decoded here so the plan's SQL names the table
/// the server knows; the rarer two-character forms for letters of other scripts are left as they are.
/// </summary>
internal static class TableFileNames
{
    public static string Decode(string fileName)
    {
        var text = new StringBuilder(fileName.Length);
        for (var i = 0; i < fileName.Length; i++)
        {
            if (fileName[i] == '@' && i + 4 < fileName.Length
                && int.TryParse(fileName.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                text.Append((char)code);
                i += 4;
            }
            else
            {
                text.Append(fileName[i]);
            }
        }

        return text.ToString();
    }
}
