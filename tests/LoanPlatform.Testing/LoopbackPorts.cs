using System.Net;
using System.Net.Sockets;

namespace LoanPlatform.Testing;

public static class LoopbackPorts
{
    /// <summary>A port free on 127.0.0.1 right now, for a server that must know its address before it starts.</summary>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
