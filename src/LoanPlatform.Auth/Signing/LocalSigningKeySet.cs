using System.Globalization;
using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.BuildingBlocks.Security;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LoanPlatform.Auth.Signing;

/// <summary>
/// Local development keys: one PEM file per key in a folder under the data path, named by its creation time (UTC ticks).
/// A new key is made when the newest is older than Auth:SigningKeyRotation, or on <see cref="RotateAsync"/>; keys
/// past their overlap are deleted, so their tokens stop validating.
/// </summary>
public sealed class LocalSigningKeySet(IOptions<AuthOptions> options, TimeProvider time) : ISigningKeySet
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, EcdsaSigningKey> _loaded = new(StringComparer.Ordinal);

    // Read from disk once: only this service writes the folder, so memory stays the truth after that.
    private List<(EcdsaSigningKey Key, DateTimeOffset Created)>? _keys;

    private string Folder => options.Value.SigningKey.Folder
        ?? throw new InvalidOperationException("Auth:SigningKey:Folder is required without Auth:SigningKey:KeyVaultUri.");

    public async ValueTask<ISigningKey> GetActiveKeyAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(rotate: false, cancellationToken)).Active;

    public async ValueTask<IReadOnlyList<JsonWebKey>> GetPublicKeysAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(rotate: false, cancellationToken)).Published.Select(k => k.PublicKey).ToArray();

    /// <summary>Makes a new key now (published at once, signing after the activation delay).</summary>
    public async Task RotateAsync(CancellationToken cancellationToken) => await CurrentAsync(rotate: true, cancellationToken);

    private async Task<SigningKeySchedule.Selection<EcdsaSigningKey>> CurrentAsync(bool rotate, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var keys = _keys ??= Load();
            if (rotate || keys.Count == 0 || keys[^1].Created + options.Value.SigningKeyRotation <= now)
            {
                keys.Add(Create(now));
            }

            var selection = options.Value.KeySchedule.Select(keys, now);
            foreach (var expired in selection.Expired)
            {
                var file = _loaded.Single(k => k.Value == expired).Key;
                File.Delete(file);
                _loaded.Remove(file);
                keys.RemoveAll(k => k.Key == expired);
            }

            return selection;
        }
        finally
        {
            _gate.Release();
        }
    }

    private List<(EcdsaSigningKey Key, DateTimeOffset Created)> Load()
    {
        PrivateFiles.CreateFolder(Folder);
        var keys = new List<(EcdsaSigningKey, DateTimeOffset)>();
        foreach (var file in Directory.GetFiles(Folder, "*.pem"))
        {
            if (!long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                continue;
            }

            var key = new EcdsaSigningKey(EcdsaKeyFile.LoadOrCreate(file));
            _loaded[file] = key;
            keys.Add((key, new DateTimeOffset(ticks, TimeSpan.Zero)));
        }

        return keys.OrderBy(k => k.Item2).ToList();
    }

    private (EcdsaSigningKey, DateTimeOffset) Create(DateTimeOffset now)
    {
        // Two keys made within one tick (a rotation right after the first key) still get files of their own.
        while (File.Exists(FileFor(now)))
        {
            now = now.AddTicks(1);
        }

        var file = FileFor(now);
        var key = new EcdsaSigningKey(EcdsaKeyFile.LoadOrCreate(file));
        _loaded[file] = key;
        return (key, now);
    }

    private string FileFor(DateTimeOffset created) => Path.Combine(Folder, created.UtcTicks.ToString(CultureInfo.InvariantCulture) + ".pem");
}
