using System.Security.Cryptography;
using LoanPlatform.Users.Services;

namespace LoanPlatform.Users.Tests.Unit;

public sealed class Sha256DigestTests
{
    private static readonly byte[] Digest = SHA256.HashData("ktp"u8);

    [Fact]
    public void Hex_and_base64_both_normalize_to_lower_case_hex()
    {
        var expected = Convert.ToHexStringLower(Digest);
        Assert.Equal(expected, Sha256Digest.TryNormalize(Convert.ToHexString(Digest)));
        Assert.Equal(expected, Sha256Digest.TryNormalize(Convert.ToBase64String(Digest)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz3b0931126a20f133d67c2b018a3b5b3b1f1d4b0d3c5a1b2c3d4e5f60718200")]
    [InlineData("AAAA")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_refused(string? value)
    {
        Assert.Null(Sha256Digest.TryNormalize(value));
    }
}
