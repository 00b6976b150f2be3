using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using LoanPlatform.Auth.Infrastructure;
using LoanPlatform.BuildingBlocks.Problems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using LoanPlatform.BuildingBlocks.Problems.Catalog;

namespace LoanPlatform.Auth.Signing;

/// <summary>
/// Signs through Azure Key Vault's REST API (the Keys SDK is not served here), so the private key never leaves the
/// vault. The key's enabled versions are the key set, scheduled like local keys by their creation time; the list is
/// cached for a few minutes because every login needs the active key.
/// </summary>
public sealed class KeyVaultSigningKeySet(
    IHttpClientFactory httpClients,
    TokenCredential credential,
    IOptions<AuthOptions> options,
    TimeProvider time,
    ILogger<KeyVaultSigningKeySet> logger) : ISigningKeySet
{
    public const string HttpClientName = "key-vault";
    public const string ApiVersion = "7.4";

    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private static readonly string[] Scopes = ["https://vault.azure.net/.default"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (SigningKeySchedule.Selection<VaultKey> Selection, DateTimeOffset FetchedAt)? _cache;

    public async ValueTask<ISigningKey> GetActiveKeyAsync(CancellationToken cancellationToken) =>
        (await SelectionAsync(cancellationToken)).Active;

    public async ValueTask<IReadOnlyList<JsonWebKey>> GetPublicKeysAsync(CancellationToken cancellationToken) =>
        (await SelectionAsync(cancellationToken)).Published.Select(k => k.PublicKey).ToArray();

    private async Task<SigningKeySchedule.Selection<VaultKey>> SelectionAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache is { } cached && now - cached.FetchedAt < CacheFor)
        {
            return cached.Selection;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cache is { } fresh && now - fresh.FetchedAt < CacheFor)
            {
                return fresh.Selection;
            }

            var versions = await ListEnabledVersionsAsync(cancellationToken);
            var selection = options.Value.KeySchedule.Select(versions, now);
            _cache = (selection, now);
            return selection;
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException or Azure.Identity.AuthenticationFailedException or InvalidOperationException)
        {
            throw Unavailable(exception);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<(VaultKey, DateTimeOffset)>> ListEnabledVersionsAsync(CancellationToken cancellationToken)
    {
        var signing = options.Value.SigningKey;
        var keyUrl = $"{signing.KeyVaultUri!.AbsoluteUri.TrimEnd('/')}/keys/{Uri.EscapeDataString(signing.KeyName!)}";
        var versions = new List<(VaultKey, DateTimeOffset)>();
        string? next = $"{keyUrl}/versions?api-version={ApiVersion}";
        while (next is not null)
        {
            var page = await SendAsync(HttpMethod.Get, next, null, cancellationToken);
            foreach (var item in page["value"]?.AsArray() ?? [])
            {
                var attributes = item!["attributes"];
                if (attributes?["enabled"]?.GetValue<bool>() != true)
                {
                    continue;
                }

                var kid = item["kid"]!.GetValue<string>();
                var key = (await SendAsync(HttpMethod.Get, $"{kid}?api-version={ApiVersion}", null, cancellationToken))["key"]!;
                var created = DateTimeOffset.FromUnixTimeSeconds(attributes["created"]!.GetValue<long>());
                versions.Add((new VaultKey(this, kid, PublicJwk.FromCoordinates(key["x"]!.GetValue<string>(), key["y"]!.GetValue<string>())), created));
            }

            next = page["nextLink"]?.GetValue<string>();
        }

        return versions.OrderBy(v => v.Item2).ToList();
    }

    private async Task<byte[]> SignAsync(string vaultKid, byte[] digest, CancellationToken cancellationToken)
    {
        try
        {
            var body = new JsonObject { ["alg"] = SecurityAlgorithms.EcdsaSha256, ["value"] = Base64UrlEncoder.Encode(digest) };
            var signed = await SendAsync(HttpMethod.Post, $"{vaultKid}/sign?api-version={ApiVersion}", body, cancellationToken);
            return Base64UrlEncoder.DecodeBytes(signed["value"]!.GetValue<string>());
        }
        catch (Exception exception) when (exception is HttpRequestException or Azure.Identity.AuthenticationFailedException)
        {
            throw Unavailable(exception);
        }
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string url, JsonObject? body, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken);
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken)
            ?? throw new HttpRequestException($"Key Vault answered {method} {response.RequestMessage?.RequestUri?.AbsolutePath} with no body.");
    }

    private ProblemException Unavailable(Exception exception)
    {
        // Logged here, answered as a 503 problem: a client can retry, and no vault detail leaves the service.
        logger.LogError(exception, "Key Vault signing key unavailable");
        return AuthProblems.SigningUnavailable.Exception();
    }

    private sealed class VaultKey(KeyVaultSigningKeySet owner, string vaultKid, JsonWebKey publicKey) : ISigningKey
    {
        public string KeyId => PublicKey.Kid;

        public JsonWebKey PublicKey { get; } = publicKey;

        public async ValueTask<byte[]> SignDigestAsync(byte[] digest, CancellationToken cancellationToken) =>
            await owner.SignAsync(vaultKid, digest, cancellationToken);
    }
}
