using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace LoanPlatform.Users.Objects.AzureBlob;

/// <summary>
/// One user-delegation key shared by every SAS this app signs: asking Entra-backed Storage for a key per URL would be
/// slow and throttled. A key lives <see cref="KeyLifetime"/> and is renewed once it could not cover a new SAS.
/// </summary>
public sealed class UserDelegationKeyCache(BlobServiceClient service, TimeProvider time)
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(6);

    // Clocks of this app and of Storage differ a little; a key (and a SAS) valid from a few minutes ago is not refused.
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserDelegationKey? _key;

    /// <summary>A key valid at least until <paramref name="sasExpiresAt"/>.</summary>
    public async Task<UserDelegationKey> GetAsync(DateTimeOffset sasExpiresAt, CancellationToken cancellationToken)
    {
        if (_key is { } cached && cached.SignedExpiresOn >= sasExpiresAt)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_key is { } renewed && renewed.SignedExpiresOn >= sasExpiresAt)
            {
                return renewed;
            }

            var now = time.GetUtcNow();
            var expiresOn = now + KeyLifetime;
            if (expiresOn < sasExpiresAt)
            {
                throw new ArgumentOutOfRangeException(nameof(sasExpiresAt), "A SAS may not outlive a user-delegation key.");
            }

            var options = new BlobGetUserDelegationKeyOptions(expiresOn) { StartsOn = now - ClockSkew };
            _key = (await service.GetUserDelegationKeyAsync(options, cancellationToken)).Value;
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }
}
