using System.Net.Http.Headers;

namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>Attaches this service's identity token to every call of an internal-API HttpClient.</summary>
public sealed class ServiceTokenHandler(IServiceTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}
