using Azure.Core;
using Azure.Core.Pipeline;

namespace LoanPlatform.Users.Tests.Contract;

/// <summary>Counts Get User Delegation Key calls leaving a Blob client, to prove the key is cached rather than fetched per URL.</summary>
public sealed class UserDelegationKeyRequests : HttpPipelineSynchronousPolicy
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Uri.Query.Contains("comp=userdelegationkey", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref count);
        }
    }
}
