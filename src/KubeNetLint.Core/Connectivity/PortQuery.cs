namespace KubeNetLint.Core.Connectivity;

/// <summary>A port to ask about: "8080/TCP", "53/UDP" or "8080" (TCP).</summary>
public sealed record PortQuery(string Protocol, int Port)
{
    public static bool TryParse(string text, out PortQuery query, out string error)
    {
        query = new PortQuery("TCP", 0);
        error = "";
        var parts = text.Split('/');
        var protocol = parts.Length == 2 ? parts[1].ToUpperInvariant() : "TCP";
        int port = 0;
        if (parts.Length > 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
            || port is < 1 or > 65535)
        {
            error = $"'{text}' is not a port: use NUMBER or NUMBER/PROTOCOL, like 8080/TCP or 53/UDP (1-65535)";
            return false;
        }
        if (ConnectionSet.ProtocolIndex(protocol) < 0)
        {
            error = $"'{parts[1]}' is not a protocol: TCP, UDP or SCTP";
            return false;
        }
        query = new PortQuery(protocol, port);
        return true;
    }

    public override string ToString() => $"{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{Protocol}";
}
