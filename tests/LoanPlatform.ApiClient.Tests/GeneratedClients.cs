using System.Net.Http.Headers;
using LoanPlatform.ApiClient.Tests.Generated.Auth;
using LoanPlatform.ApiClient.Tests.Generated.Loans;
using LoanPlatform.ApiClient.Tests.Generated.Users;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace LoanPlatform.ApiClient.Tests;

/// <summary>
/// The Kiota clients generated from the served documents, pointed at the gateway, as a client team would set them up:
/// one client per service document, the caller's access token on every request.
/// </summary>
public sealed class GeneratedClients(string gatewayUrl, string? accessToken = null) : IDisposable
{
    private readonly List<HttpClient> _http = [];

    public AuthClient Auth => new(Adapter());

    public UsersClient Users => new(Adapter());

    public LoansClient Loans => new(Adapter());

    public GeneratedClients As(string token) => new(gatewayUrl, token);

    private HttpClientRequestAdapter Adapter()
    {
        var http = KiotaClientFactory.Create();
        if (accessToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        _http.Add(http);
        return new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = gatewayUrl };
    }

    public void Dispose()
    {
        foreach (var http in _http)
        {
            http.Dispose();
        }
    }
}
