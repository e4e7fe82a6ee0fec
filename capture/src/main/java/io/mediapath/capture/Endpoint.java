package io.mediapath.capture;

import java.util.Arrays;

/**
 * One side of a flow: an IPv4 or IPv6 address and a port.
 *
 * @param address 4 or 16 bytes, network order
 * @param port    0..65535
 */
public record Endpoint(byte[] address, int port) {

    public Endpoint {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address of " + address.length + " bytes");
        }
        address = address.clone();
    }

    /** The address bytes (a copy). */
    @Override
    public byte[] address() {
        return address.clone();
    }

    // The address without a copy, for the flow table's per-packet comparison.
    byte[] addressRef() {
        return address;
    }

    /** The address as text: dotted IPv4, or IPv6 in the RFC 5952 form ({@code ::1}, {@code 2001:db8::1}). */
    public String ip() {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not compressed (RFC 5952 §4.2.2)
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** True for an IPv6 address. */
    public boolean ipv6() {
        return address.length == 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.port == port && Arrays.equals(e.address, address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + port;
    }

    /** {@code 192.0.2.1:443} or {@code [2001:db8::1]:443}. */
    @Override
    public String toString() {
        return ipv6() ? "[" + ip() + "]:" + port : ip() + ":" + port;
    }
}
