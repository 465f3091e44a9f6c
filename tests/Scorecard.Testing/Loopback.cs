using System.Net;
using System.Net.Sockets;

namespace Scorecard.Testing;

/// <summary>Where the tests start their own servers (PostgreSQL, SMTP, the app on Kestrel): a free port on 127.0.0.1.</summary>
public static class Loopback
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
