using System.Text;
using BackupDashboard.InnoDb.Delta;
using BackupDashboard.InnoDb.Inspection;
using BackupDashboard.InnoDb.Metadata;
using BackupDashboard.InnoDb.Pages;
using BackupDashboard.InnoDb.Scanning;
using BackupDashboard.InnoDb.Verification;
using BackupDashboard.TestSupport;

namespace BackupDashboard.InnoDb.Tests;

/// <summary>
/// Seeded random mutations of the real fixtures fed to every parser: the only exception that
/// may come out is <see cref="InnoDbFormatException"/>. Seeds are fixed so a failure replays.
/// </summary>
public class FuzzTests
{
    [Theory]
    [InlineData("full/xtrabackup_checkpoints")]
    [InlineData("inc/xtrabackup_checkpoints")]
    [InlineData("percona/xtrabackup_checkpoints")]
    [InlineData("full/xtrabackup_info")]
    [InlineData("inc/xtrabackup_info")]
    [InlineData("inc/small.ibd.meta")]
    [InlineData("inc/zip.ibd.meta")]
    public void Mutated_metadata_files_parse_or_fail_with_a_format_error(string fixture)
    {
        var original = Fixture.Bytes(fixture.Split('/'));
        var random = new Random(fixture.Length * 7919);
        for (var i = 0; i < 3000; i++)
        {
            var mutated = Mutate(original, random);
            OnlyFormatErrors(() =>
            {
                var text = MetadataText.Decode(mutated, fixture);
                _ = CheckpointsFile.Parse(text, fixture).ToText();
            });
            OnlyFormatErrors(() => BackupInfoFile.Parse(MetadataText.Decode(mutated, fixture), fixture));
            OnlyFormatErrors(() => DeltaMeta.Parse(MetadataText.Decode(mutated, fixture), fixture));
        }
    }

    [Fact]
    public void Mutated_pages_are_judged_without_exceptions()
    {
        var random = new Random(11);
        foreach (var file in new[] { "live/small.ibd", "full/zip.ibd", "full/legacy-4pages.ibd" })
        {
            var bytes = Fixture.Bytes(file.Split('/'));
            for (var i = 0; i < 1500; i++)
            {
                var mutated = Mutate(bytes.AsSpan(0, 16384).ToArray(), random);
                if (TablespaceFormat.FromPage0(mutated) is { } format && mutated.Length >= format.PhysicalPageSize)
                {
                    _ = PageChecksum.Check(mutated.AsSpan(0, format.PhysicalPageSize), format);
                }

                _ = PageChecksum.CheckFullCrc32(bytes.AsSpan(0, 8192).ToArray().AsSpan());
                _ = PageChecksum.CheckLegacy(mutated.Length >= 64 ? mutated : new byte[64]);
            }
        }
    }

    [Fact]
    public void Mutated_backup_directories_are_inspected_scanned_and_verified_without_exceptions()
    {
        var random = new Random(5);
        var sources = new[] { "inc/small.ibd.delta", "inc/zip.ibd.delta", "inc/empty.ibd.delta", "live/small.ibd", "full/zip.ibd", "inc/xtrabackup_checkpoints", "inc/small.ibd.meta" };
        using var folder = new TempFolder();
        foreach (var source in Directory.GetFiles(Fixture.Path("inc")))
        {
            File.Copy(source, Path.Combine(folder.Path, Path.GetFileName(source)));
        }

        for (var i = 0; i < 300; i++)
        {
            var source = sources[random.Next(sources.Length)];
            var target = Path.Combine(folder.Path, Path.GetFileName(source));
            File.WriteAllBytes(target, Mutate(Fixture.Bytes(source.Split('/')), random));

            OnlyFormatErrors(() => BackupInspection.Inspect(folder.Path));
            _ = ChangedPageScanner.Scan(folder.Path, 1000);
            _ = BackupVerifier.Verify(folder.Path);
            File.Copy(Fixture.Path(source.Split('/')), target, overwrite: true);
        }
    }

    private static void OnlyFormatErrors(Action parse)
    {
        try
        {
            parse();
        }
        catch (InnoDbFormatException)
        {
        }
    }

    /// <summary>Bit flips, byte overwrites, truncation, extension and splices of random lengths.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256)));
                    break;
                case 4:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(random.Next(3) switch { 0 => "\n=", 1 => " = 99999999999999999999999", _ => "\0\xff" }));
                    break;
                default:
                    var chunk = Math.Min(bytes.Count - at, random.Next(1, 17));
                    var values = new byte[4];
                    random.NextBytes(values);
                    for (var k = 0; k < chunk; k++)
                    {
                        bytes[at + k] = values[k % 4];
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
