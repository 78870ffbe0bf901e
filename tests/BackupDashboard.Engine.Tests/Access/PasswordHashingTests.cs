using System.Buffers.Binary;
using BackupDashboard.Engine.Access;

namespace BackupDashboard.Engine.Tests.Access;

public sealed class PasswordHashingTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void A_hash_verifies_its_password_and_no_other()
    {
        var hash = PasswordHashing.Hash(Password);

        Assert.True(PasswordHashing.Verify(hash, Password));
        Assert.False(PasswordHashing.Verify(hash, Password + " "));
        Assert.False(PasswordHashing.Verify(hash, ""));
        Assert.NotEqual(hash, PasswordHashing.Hash(Password));
    }

    [Fact]
    public void A_hash_is_in_identity_v3_format_with_sha512_and_100000_iterations()
    {
        var bytes = Convert.FromBase64String(PasswordHashing.Hash(Password));

        Assert.Equal((61, 0x01), (bytes.Length, bytes[0]));
        Assert.Equal((2u, 100_000u, 16u),
            (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9))));
    }

    [Fact]
    public void A_hash_written_by_aspnet_core_identity_verifies()
    {
        // PasswordHasher<T>.HashPassword(user, "legacy password 42") with Identity's defaults.
        const string IdentityHash = "AQAAAAIAAYagAAAAEE9SjCG8zm3W+JczrVfFheLMklk1iY9255CemIZFSLRQ9S7V6xtaVLjm5RgiwWyGCQ==";

        Assert.True(PasswordHashing.Verify(IdentityHash, "legacy password 42"));
        Assert.False(PasswordHashing.Verify(IdentityHash, "legacy password 43"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    [InlineData("AQ==")]
    [InlineData("AAAAAAIAAYagAAAAEE9SjCG8zm3W+JczrVfFheLMklk1iY9255CemIZFSLRQ9S7V6xtaVLjm5RgiwWyGCQ==")]
    [InlineData("AQAAAAkAAYagAAAAEE9SjCG8zm3W+JczrVfFheLMklk1iY9255CemIZFSLRQ9S7V6xtaVLjm5RgiwWyGCQ==")]
    [InlineData("AQAAAAIAAYagAAAAEE9SjCG8zm3W+JczrVfFheLM")]
    [InlineData("AQAAAAIAAYagAAAA/09SjCG8zm3W+JczrVfFheLMklk1iY9255CemIZFSLRQ9S7V6xtaVLjm5RgiwWyGCQ==")]
    public void A_garbled_hash_does_not_verify_and_does_not_throw(string hash) =>
        Assert.False(PasswordHashing.Verify(hash, "legacy password 42"));

    [Fact]
    public void A_garbled_hash_longer_than_any_real_one_does_not_verify() =>
        Assert.False(PasswordHashing.Verify(Convert.ToBase64String(new byte[1000]), Password));

    [Fact]
    public void No_hash_at_all_never_verifies() =>
        Assert.False(PasswordHashing.Verify(null, Password));

    [Theory]
    [InlineData("bob\n")]
    [InlineData("bob\r\n")]
    [InlineData("\nbob")]
    public void A_user_name_with_a_line_break_anywhere_is_refused(string name) =>
        Assert.NotNull(UserName.Problem(name));
}
