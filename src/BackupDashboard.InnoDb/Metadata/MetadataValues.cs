using System.Globalization;

namespace BackupDashboard.InnoDb.Metadata;

/// <summary>Typed lookups over parsed lines, failing with the file and the value's offset.</summary>
internal static class MetadataValues
{
    public static MetadataEntry? Find(IReadOnlyList<MetadataEntry> entries, string key)
    {
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    public static MetadataEntry Require(IReadOnlyList<MetadataEntry> entries, string key, string path) =>
        Find(entries, key) ?? throw new InnoDbFormatException(path, 0, $"the key \"{key}\" is missing");

    public static ulong Lsn(MetadataEntry entry, string path) =>
        ulong.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InnoDbFormatException(path, entry.Offset, $"\"{entry.Key}\" is not an LSN: \"{Short(entry.Value)}\"");

    public static ulong? OptionalLsn(IReadOnlyList<MetadataEntry> entries, string key, string path) =>
        Find(entries, key) is { } entry && entry.Value.Length > 0 ? Lsn(entry, path) : null;

    public static int Int(MetadataEntry entry, string path) =>
        int.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InnoDbFormatException(path, entry.Offset, $"\"{entry.Key}\" is not a number: \"{Short(entry.Value)}\"");

    private static string Short(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
