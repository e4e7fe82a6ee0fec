package io.mediapath.diagnose;

import io.mediapath.ice.Evidence;
import io.mediapath.sdp.msdiag.Location;
import java.util.Objects;
import java.util.Optional;

/**
 * A media relay (A/V Edge, TURN server) a log names, to probe live: where the client was told to find it (MRAS
 * {@code mediaRelayList}) or where it says it went (ms-diagnostics {@code LocalMR}).
 *
 * @param host     the relay's name when the log gives one (MRAS {@code hostName}, {@code MrDnsU}), else its address
 * @param address  the IP address the client used, when the log says ({@code LocalMR})
 * @param udpPort  the MS-TURN/TURN UDP port (3478 unless MRAS says otherwise)
 * @param tcpPort  the MS-TURN/TURN TCP port (443 unless MRAS says otherwise)
 * @param location the client location this relay serves ({@code intranet}: the Edge's internal side)
 * @param source   which part of the log named it
 * @param evidence the log line
 */
public record RelayTarget(String host, Optional<String> address, int udpPort, int tcpPort, Location location,
        Source source, Evidence evidence) {

    /** The standard Edge/TURN UDP port. */
    public static final int DEFAULT_UDP_PORT = 3478;
    /** The standard Edge/TURN TCP port. */
    public static final int DEFAULT_TCP_PORT = 443;

    public RelayTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(evidence, "evidence");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host: empty");
        }
        if (udpPort < 0 || udpPort > 65535 || tcpPort < 0 || tcpPort > 65535) {
            throw new IllegalArgumentException("ports: " + udpPort + "/" + tcpPort + " (expected: 0..65535, 0 = none)");
        }
    }

    /** Which part of a log named a relay. */
    public enum Source {
        /** The MRAS answer ({@code credentialsResponse/mediaRelayList/mediaRelay}). */
        MRAS,
        /** An ms-diagnostics media debug section ({@code LocalMR}, {@code MrDnsU}). */
        LOCAL_MR
    }
}
