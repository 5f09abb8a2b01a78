using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KubeNetLint.Core.Connectivity;

public enum IpFamily { V4, V6 }

/// <summary>An IP prefix (IPv4 or IPv6) as an integer range. Host bits after the prefix are dropped, as
/// the API server's sloppy CIDR parser does (<c>10.0.0.1/8</c> is <c>10.0.0.0/8</c>).</summary>
public readonly record struct Cidr(IpFamily Family, UInt128 Network, int PrefixLength)
{
    public int Bits => BitsOf(Family);
    public UInt128 First => Network;
    public UInt128 Last => Network | HostMask(Family, PrefixLength);

    public static int BitsOf(IpFamily family) => family == IpFamily.V4 ? 32 : 128;

    public static UInt128 MaxAddress(IpFamily family) => family == IpFamily.V4 ? uint.MaxValue : UInt128.MaxValue;

    private static UInt128 HostMask(IpFamily family, int prefix)
    {
        int hostBits = BitsOf(family) - prefix;
        return hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
    }

    /// <summary>Does this prefix contain the other one entirely (same family)? A prefix within
    /// First..Last is never shorter, so the bounds say it all.</summary>
    public bool Contains(Cidr other) => other.Family == Family && other.First >= First && other.Last <= Last;

    public bool Contains(IpFamily family, UInt128 address) => family == Family && address >= First && address <= Last;

    public override string ToString() => $"{FormatAddress(Family, Network)}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>a.b.c.d/n</c> or an IPv6 prefix. Returns the reason when the text is not a CIDR.</summary>
    public static bool TryParse(string text, out Cidr cidr, out string error)
    {
        cidr = default;
        error = "";
        int slash = text.IndexOf('/');
        if (slash < 0)
        {
            error = "a CIDR needs a prefix length (like 10.0.0.0/8 or 10.0.0.1/32)";
            return false;
        }
        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (!TryParseAddress(addressText, out var family, out var address))
        {
            error = $"'{addressText}' is not an IPv4 or IPv6 address";
            return false;
        }
        int bits = BitsOf(family);
        int prefix = -1;
        bool digits = prefixText.Length is >= 1 and <= 3 && prefixText.All(char.IsAsciiDigit);
        if (!digits || !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits)
        {
            error = $"the prefix length must be a number from 0 to {bits}";
            return false;
        }
        cidr = new Cidr(family, address & ~HostMask(family, prefix), prefix);
        return true;
    }

    /// <summary>A plain address (no prefix): dotted-quad IPv4 or IPv6 (no zone).</summary>
    public static bool TryParseAddress(string text, out IpFamily family, out UInt128 value)
    {
        family = IpFamily.V4;
        value = 0;
        if (text.Length == 0 || text.Contains('%')) return false;
        if (text.Contains(':'))
        {
            if (!IPAddress.TryParse(text, out var ip6) || ip6.AddressFamily != AddressFamily.InterNetworkV6) return false;
            family = IpFamily.V6;
            foreach (var b in ip6.GetAddressBytes()) value = (value << 8) | b;
            return true;
        }
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit)) return false;
            int octet = int.Parse(part, CultureInfo.InvariantCulture);
            if (octet > 255) return false;
            value = (value << 8) | (uint)octet;
        }
        return true;
    }

    public static string FormatAddress(IpFamily family, UInt128 value)
    {
        int length = family == IpFamily.V4 ? 4 : 16;
        var bytes = new byte[length];
        for (int i = length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xff);
            value >>= 8;
        }
        return new IPAddress(bytes).ToString();
    }

    /// <summary>The fewest prefixes that cover first..last exactly.</summary>
    public static List<Cidr> Cover(IpFamily family, UInt128 first, UInt128 last)
    {
        var result = new List<Cidr>();
        int bits = BitsOf(family);
        var max = MaxAddress(family);
        while (true)
        {
            // The largest aligned block starting at `first` that does not pass `last`.
            int size = first == 0 ? bits : Math.Min(bits, (int)UInt128.TrailingZeroCount(first));
            // Stops at size 0 at the latest: a block of one address never passes `last`.
            while ((size == 128 ? UInt128.MaxValue : (UInt128.One << size) - 1) > last - first) size--;
            result.Add(new Cidr(family, first, bits - size));
            var end = size == 128 ? UInt128.MaxValue : first + ((UInt128.One << size) - 1);
            if (end >= last || end == max) break;
            first = end + 1;
        }
        return result;
    }
}
