namespace BackupDashboard.InnoDb.Pages;

/// <summary>innodb_checksum_algorithm as it shows on disk (buf0checksum.h, page0zip.cc).</summary>
public enum ChecksumAlgorithm
{
    /// <summary>Not known yet: page 0 absent (a delta without it), so every algorithm is tried.</summary>
    Unknown,

    /// <summary>MariaDB &gt;= 10.5 default: CRC-32C of [0, size-4) in the last 4 bytes.</summary>
    FullCrc32,

    /// <summary>MySQL 5.7 / 8.0 and MariaDB 10.2-10.4 default.</summary>
    Crc32,

    /// <summary>The legacy ut_fold_binary checksum of MySQL &lt;= 5.6.</summary>
    InnoDb,

    /// <summary>innodb_checksum_algorithm=none: the magic 0xDEADBEEF.</summary>
    None,
}
