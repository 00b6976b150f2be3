using System.Collections.Concurrent;

namespace LoanPlatform.LocalHost.Services;

/// <summary>
/// The services of this process by the origin they listen on (<c>http://127.0.0.1:port</c>), each with the in-memory
/// handler of its <see cref="InProcessServer"/>: a request for one of them need not leave the process. A service is
/// added once it has started, so only the services started before a caller are found (the start order is the
/// dependency order).
/// </summary>
public sealed class InProcessServices
{
    private readonly ConcurrentDictionary<string, HttpMessageInvoker> _byOrigin = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string url, InProcessServer server) =>
        _byOrigin[new Uri(url).GetLeftPart(UriPartial.Authority)] = new HttpMessageInvoker(server.CreateHandler(), disposeHandler: true);

    public bool TryFind(Uri? requestUri, out HttpMessageInvoker service)
    {
        service = null!;
        return requestUri is { IsAbsoluteUri: true } && _byOrigin.TryGetValue(requestUri.GetLeftPart(UriPartial.Authority), out service!);
    }
}
