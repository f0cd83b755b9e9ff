using System.Globalization;
using System.Net;
using VisionPipeline.Core.Errors;

namespace VisionPipeline.Live.Viewer;

/// <summary>--serve HOST:PORT: where the viewer listens. Loopback unless --allow-remote says otherwise.</summary>
public sealed record ServeAddress(IPAddress Address, int Port)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public string Url => $"http://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}/";

    /// <exception cref="ConfigurationException">not HOST:PORT with an IP address or localhost, or a non-loopback
    /// address without <paramref name="allowRemote"/></exception>
    public static ServeAddress Parse(string text, bool allowRemote)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            throw new ConfigurationException(null, $"--serve {text}: give HOST:PORT, such as 127.0.0.1:8080");
        var host = text[..colon].Trim('[', ']');
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new ConfigurationException(null, $"--serve {text}: '{host}' is not an IP address or localhost");
        var serve = new ServeAddress(address, port);
        if (!serve.IsLoopback && !allowRemote)
            throw new ConfigurationException(null, $"--serve {text}: serving beyond this machine needs --allow-remote (the viewer has no login)");
        return serve;
    }
}
