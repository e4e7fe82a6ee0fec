package io.mediapath.sdp;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A {@code c=} line: {@code c=<nettype> <addrtype> <address>[/<ttl>][/<count>]}. IPv4 multicast carries a TTL and an
 * optional count ({@code 224.2.1.1/127/3}); IPv6 multicast only a count ({@code ff15::101/3}), which is why the
 * parser decides by address type which of the two a single suffix is.
 *
 * @param networkType {@code IN}
 * @param addressType {@code IP4}, {@code IP6} or another token as written
 * @param address     the address without suffixes: IPv4, IPv6 or FQDN as written
 * @param ttl         multicast TTL (IPv4 only)
 * @param count       number of consecutive multicast addresses
 * @param lineNumber  1-based line number (0 when built)
 */
public record Connection(String networkType, String addressType, String address, OptionalInt ttl, OptionalInt count,
        int lineNumber) {

    /** Validates the components. */
    public Connection {
        Objects.requireNonNull(networkType, "networkType");
        Objects.requireNonNull(addressType, "addressType");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(count, "count");
    }

    /** {@code IN IP4|IP6 address} for a unicast address, address type taken from the literal. */
    public static Connection of(String address) {
        return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address, OptionalInt.empty(),
                OptionalInt.empty(), 0);
    }

    /** Whether the address is the "no address / on hold" placeholder {@code 0.0.0.0} or {@code ::}. */
    public boolean isUnspecified() {
        return address.equals("0.0.0.0") || address.equals("::");
    }

    /** The field text after {@code c=}. */
    public String text() {
        StringBuilder sb = new StringBuilder(networkType).append(' ').append(addressType).append(' ').append(address);
        ttl.ifPresent(t -> sb.append('/').append(t));
        count.ifPresent(c -> sb.append('/').append(c));
        return sb.toString();
    }
}
