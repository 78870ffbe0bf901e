using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace BackupDashboard.InnoDb.Pages;

/// <summary>
/// CRC-32C (Castagnoli), as InnoDB's ut_crc32 / my_crc32c: init and xorout 0xFFFFFFFF. Where the
/// CPU has 512-bit carry-less multiplication, long inputs are folded with it (Crc32CFolding);
/// otherwise the SSE4.2 instruction, whose latency of about 3 cycles against a throughput of 1
/// per cycle is why four independent pages are run side by side (ComputeFour).
/// </summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFF_FFFF, data);

    /// <summary>Continues a CRC without the final xor (for InnoDB's multi-range checksums).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        if (data.Length >= Crc32CFolding.MinimumLength && Crc32CFolding.IsSupported)
        {
            return Crc32CFolding.Update(crc, data);
        }

        ref var start = ref MemoryMarshal.GetReference(data);
        var words = data.Length / 8;
        if (Sse42.X64.IsSupported)
        {
            ulong c = crc;
            for (var i = 0; i < words; i++)
            {
                c = Sse42.X64.Crc32(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i * 8)));
            }

            crc = (uint)c;
        }
        else
        {
            for (var i = 0; i < words; i++)
            {
                crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i * 8)));
            }
        }

        for (var i = words * 8; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }

        return crc;
    }

    /// <summary>
    /// The CRC-32C of the first <paramref name="length"/> bytes of four equally sized blocks that
    /// follow each other in <paramref name="blocks"/> (stride <paramref name="stride"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ComputeFour(ReadOnlySpan<byte> blocks, int stride, int length, Span<uint> results)
    {
        if (blocks.Length < (3 * stride) + length || results.Length < 4 || length > stride)
        {
            throw new ArgumentException("Four blocks of the given stride do not fit.", nameof(blocks));
        }

        if (!Sse42.X64.IsSupported || (length >= Crc32CFolding.MinimumLength && Crc32CFolding.IsSupported))
        {
            for (var b = 0; b < 4; b++)
            {
                results[b] = Compute(blocks.Slice(b * stride, length));
            }

            return;
        }

        ref var p0 = ref MemoryMarshal.GetReference(blocks);
        ref var p1 = ref Unsafe.Add(ref p0, stride);
        ref var p2 = ref Unsafe.Add(ref p1, stride);
        ref var p3 = ref Unsafe.Add(ref p2, stride);
        ulong c0 = 0xFFFF_FFFF, c1 = 0xFFFF_FFFF, c2 = 0xFFFF_FFFF, c3 = 0xFFFF_FFFF;
        var end = length & ~7;
        for (var i = 0; i < end; i += 8)
        {
            c0 = Sse42.X64.Crc32(c0, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p0, i)));
            c1 = Sse42.X64.Crc32(c1, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p1, i)));
            c2 = Sse42.X64.Crc32(c2, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p2, i)));
            c3 = Sse42.X64.Crc32(c3, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p3, i)));
        }

        results[0] = ~Tail((uint)c0, blocks.Slice(end, length - end));
        results[1] = ~Tail((uint)c1, blocks.Slice(stride + end, length - end));
        results[2] = ~Tail((uint)c2, blocks.Slice((2 * stride) + end, length - end));
        results[3] = ~Tail((uint)c3, blocks.Slice((3 * stride) + end, length - end));
    }

    private static uint Tail(uint crc, ReadOnlySpan<byte> rest)
    {
        foreach (var b in rest)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
