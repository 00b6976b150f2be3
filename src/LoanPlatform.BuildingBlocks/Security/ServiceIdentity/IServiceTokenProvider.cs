namespace LoanPlatform.BuildingBlocks.Security.ServiceIdentity;

/// <summary>Gets a bearer token with which this service calls another's internal endpoints.</summary>
public interface IServiceTokenProvider
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}
