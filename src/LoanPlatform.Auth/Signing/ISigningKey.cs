namespace LoanPlatform.Auth.Signing;

/// <summary>One ES256 key able to sign; the private half may live elsewhere (Key Vault), so signing is asynchronous.</summary>
public interface ISigningKey
{
    /// <summary>The JWT "kid": the RFC 7638 thumbprint of the public key.</summary>
    string KeyId { get; }

    /// <summary>Signs a SHA-256 digest; returns the JWS (IEEE P1363, r||s) signature.</summary>
    ValueTask<byte[]> SignDigestAsync(byte[] digest, CancellationToken cancellationToken);
}
