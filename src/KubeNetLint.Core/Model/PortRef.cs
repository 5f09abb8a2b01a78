using KubeNetLint.Core.Loading;

namespace KubeNetLint.Core.Model;

/// <summary>An int-or-string port reference (targetPort, servicePort, probe or policy port): a number or
/// a port name, with the node it was read from.</summary>
public sealed record PortRef(int? Number, string? Name, ScalarNode Node)
{
    public bool IsNamed => Name is not null;
    public override string ToString() => Name ?? Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

public static class Protocols
{
    public const string Tcp = "TCP";
    public const string Udp = "UDP";
    public const string Sctp = "SCTP";
    public static readonly string[] All = new string[] { Tcp, Udp, Sctp };
    public static bool IsValid(string p) => p is Tcp or Udp or Sctp;
}
