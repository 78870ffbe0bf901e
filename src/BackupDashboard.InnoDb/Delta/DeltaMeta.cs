using System.Globalization;
using System.Text;
using BackupDashboard.InnoDb.Metadata;

namespace BackupDashboard.InnoDb.Delta;

/// <summary>
/// The .meta file beside each .delta (extra/mariabackup/xtrabackup.cc write_delta_metadata):
/// "page_size = %u\nzip_size = %u \nspace_id = %u\n", the trailing space after zip_size
/// included. XtraBackup 8.0 adds space_flags; unknown keys are tolerated.
/// </summary>
public readonly record struct DeltaMeta(int PageSize, int ZipSize, uint SpaceId)
{
    /// <summary>The size of each page in the .delta (and of its cluster headers).</summary>
    public int PhysicalPageSize => ZipSize != 0 ? ZipSize : PageSize;

    public static DeltaMeta Read(string path) => Parse(MetadataText.ReadFile(path), path);

    public static DeltaMeta Parse(string text, string path = "file.meta")
    {
        var entries = MetadataText.Parse(text, path);
        var pageSizeEntry = MetadataValues.Require(entries, "page_size", path);
        var pageSize = MetadataValues.Int(pageSizeEntry, path);
        if (pageSize is < 4096 or > 65536 || !int.IsPow2(pageSize))
        {
            throw new InnoDbFormatException(path, pageSizeEntry.Offset, $"page_size {pageSize} is impossible (4096 to 65536, a power of two)");
        }

        var zipSize = 0;
        if (MetadataValues.Find(entries, "zip_size") is { } zipEntry)
        {
            zipSize = MetadataValues.Int(zipEntry, path);
            if (zipSize != 0 && (zipSize < 1024 || zipSize > Math.Min(pageSize, 16384) || !int.IsPow2(zipSize)))
            {
                throw new InnoDbFormatException(path, zipEntry.Offset, $"zip_size {zipSize} is impossible for page_size {pageSize}");
            }
        }

        var spaceEntry = MetadataValues.Require(entries, "space_id", path);
        if (!uint.TryParse(spaceEntry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var spaceId))
        {
            throw new InnoDbFormatException(path, spaceEntry.Offset, $"space_id \"{spaceEntry.Value}\" is not a number");
        }

        return new DeltaMeta(pageSize, zipSize, spaceId);
    }

    /// <summary>Byte for byte what mariabackup writes.</summary>
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"page_size = {PageSize}\nzip_size = {ZipSize} \nspace_id = {SpaceId}\n");

    public void Write(string path) => File.WriteAllText(path, ToText(), new UTF8Encoding(false));
}
