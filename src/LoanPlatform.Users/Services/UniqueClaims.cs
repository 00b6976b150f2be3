using System.Security.Cryptography;
using System.Text;
using LoanPlatform.BuildingBlocks.Storage;
using LoanPlatform.Users.Model;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Users.Services;

/// <summary>
/// Reserves unique values through the store's create-if-absent, so concurrent requests cannot both win.
/// Ids are hashes of the value, keeping NIKs and phone numbers out of ids that appear in diagnostics.
/// </summary>
public sealed class UniqueClaims(IDocumentStore<UniqueClaim> claims, TimeProvider time)
{
    /// <summary>Claims the value for the user; throws the matching 409 problem when someone else holds it.</summary>
    public async Task ReserveAsync(UniqueField field, string value, string userId, CancellationToken cancellationToken)
    {
        var id = IdOf(field, value);
        try
        {
            await claims.CreateAsync(id, id, new UniqueClaim(userId, field, time.GetUtcNow()), cancellationToken: cancellationToken);
        }
        catch (DocumentConflictException)
        {
            throw field.Taken().Exception();
        }
    }

    /// <summary>The user holding the value, or null when it is free.</summary>
    public async Task<string?> HolderOfAsync(UniqueField field, string value, CancellationToken cancellationToken)
    {
        var id = IdOf(field, value);
        return (await claims.FindAsync(id, id, cancellationToken))?.Value.UserId;
    }

    /// <summary>Frees the value if this user holds it (never someone else's claim). Runs during compensation, so it ignores cancellation.</summary>
    public async Task ReleaseAsync(UniqueField field, string value, string userId)
    {
        var id = IdOf(field, value);
        var claim = await claims.FindAsync(id, id, CancellationToken.None);
        if (claim is not null && claim.Value.UserId == userId)
        {
            await claims.DeleteAsync(id, id, claim.ETag, CancellationToken.None);
        }
    }

    internal static string IdOf(UniqueField field, string value) =>
        $"{field.ToString().ToLowerInvariant()}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))}";
}
