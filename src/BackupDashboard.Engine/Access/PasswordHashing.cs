using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BackupDashboard.Engine.Access;

/// <summary>
/// Password hashes in ASP.NET Core Identity's version 3 format (PasswordHasher.cs in
/// dotnet/aspnetcore), so hashes stored by earlier releases keep working: base64 of a 0x01
/// marker, then big-endian PRF, iteration count and salt length, then the salt and the PBKDF2
/// subkey. New hashes use PBKDF2-HMAC-SHA512 with 100,000 iterations, a 128-bit salt and a
/// 256-bit subkey, Identity's own defaults. Written here because the engine and bdash do not
/// take ASP.NET Core.
/// </summary>
public static class PasswordHashing
{
    private const byte FormatMarker = 0x01;
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int SubkeyBytes = 32;

    // Identity's KeyDerivationPrf numbers.
    private const uint Sha1 = 0;
    private const uint Sha256 = 1;
    private const uint Sha512 = 2;

    /// <summary>Hashed when the user is unknown, so that an answer costs the same either way.</summary>
    private static readonly Lazy<string> Decoy = new(() => Hash(PasswordRules.Generate()));

    public static string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var subkey = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, SubkeyBytes);
        var output = new byte[13 + SaltBytes + SubkeyBytes];
        output[0] = FormatMarker;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), Sha512);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), Iterations);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), SaltBytes);
        salt.CopyTo(output, 13);
        subkey.CopyTo(output, 13 + SaltBytes);
        return Convert.ToBase64String(output);
    }

    /// <summary>
    /// Whether <paramref name="password"/> matches <paramref name="hash"/>. A null hash (no such
    /// user) is checked against a decoy and never matches, at the same cost.
    /// </summary>
    public static bool Verify(string? hash, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var matches = Matches(hash ?? Decoy.Value, password);
        return hash is not null && matches;
    }

    private static bool Matches(string hash, string password)
    {
        Span<byte> bytes = stackalloc byte[256];
        if (!Convert.TryFromBase64String(hash, bytes, out var length) || length < 13 || bytes[0] != FormatMarker)
        {
            return false;
        }

        bytes = bytes[..length];
        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]);
        var iterations = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes[5..]), int.MaxValue);
        var saltLength = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(bytes[9..]), int.MaxValue);
        if (saltLength < 16 || iterations < 1 || 13 + saltLength + 16 > length)
        {
            return false;
        }

        HashAlgorithmName? algorithm = prf switch
        {
            Sha1 => HashAlgorithmName.SHA1,
            Sha256 => HashAlgorithmName.SHA256,
            Sha512 => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (algorithm is null)
        {
            return false;
        }

        var expected = bytes[(13 + saltLength)..];
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), bytes.Slice(13, saltLength).ToArray(), iterations, algorithm.Value, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
