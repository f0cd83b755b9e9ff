using System.Net;
using System.Net.Sockets;

namespace VisionPipeline.Cli.Tests.Live;

public static class LoopbackPort
{
    /// <summary>A TCP port on 127.0.0.1 that nothing listens on just now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
