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

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768 and up on Linux), for a server that must get the same
    /// port back after a restart: ports handed out for port-0 binds and outgoing connections never land there.
    /// </summary>
    public static int FindFreeForRestart()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No free loopback port below the ephemeral range.");
    }
}
