package io.mediapath.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code a=candidate} attribute, exactly as written, in either of the two forms seen in the wild:
 * <ul>
 *   <li>{@link Form#RFC}: RFC 8839 / RFC 5245 / RFC 6544
 *       ({@code a=candidate:1 1 UDP 2130706431 10.0.1.1 8998 typ host tcptype passive generation 0}), which
 *       Lync/SfB also use for their MS-ICE2 part with transports {@code TCP-ACT}/{@code TCP-PASS}/{@code TCP-SO};</li>
 *   <li>{@link Form#MS_ICE_DRAFT6}: the MS-ICE draft-6 form in Lync's {@code ms-proxy-2007fallback} part
 *       ({@code a=candidate:<username> <component> <password> UDP 0.830 <addr> <port>}), which has no {@code typ};
 *       {@link #username()} and {@link #password()} hold the first and third fields and {@link #foundation()} is
 *       the username.</li>
 * </ul>
 * This is the syntactic view; ice-core turns it into a semantic candidate (type inferred, address classified).
 *
 * @param form           which grammar the line follows
 * @param foundation     foundation (RFC) or username (draft-6)
 * @param component      component id (1 = RTP, 2 = RTCP)
 * @param transport      transport as written ({@code UDP}, {@code udp}, {@code TCP}, {@code TCP-PASS}, …)
 * @param priority       RFC: 32-bit priority; draft-6: the q-value times 1000 (0.830 → 830)
 * @param priorityText   the priority field exactly as written ({@code 2130706431}, {@code 0.830})
 * @param address        connection address as written (IPv4, IPv6, FQDN, or mDNS {@code .local})
 * @param port           port
 * @param type           {@code host}/{@code srflx}/{@code prflx}/{@code relay} (or another token) when {@code typ} is present
 * @param relatedAddress {@code raddr}
 * @param relatedPort    {@code rport}
 * @param extensions     every name/value pair after the fixed fields other than typ/raddr/rport, in order
 *                       ({@code tcptype}, {@code generation}, {@code ufrag}, {@code network-id}, {@code network-cost}, …)
 * @param username       draft-6 username; empty for RFC
 * @param password       draft-6 password; empty for RFC
 */
public record Candidate(Form form, String foundation, int component, String transport, long priority,
        String priorityText, String address, int port, Optional<String> type, Optional<String> relatedAddress,
        OptionalInt relatedPort, List<Extension> extensions, String username, String password) {

    public Candidate {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(priorityText, "priorityText");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(relatedAddress, "relatedAddress");
        Objects.requireNonNull(relatedPort, "relatedPort");
        extensions = List.copyOf(extensions);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** The value of extension {@code name} (first occurrence), e.g. {@code tcptype}. */
    public Optional<String> extension(String name) {
        for (Extension e : extensions) {
            if (e.name().equalsIgnoreCase(name)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** Which candidate grammar a line follows. */
    public enum Form {
        /** RFC 8839 / RFC 5245 / RFC 6544 (and Lync's MS-ICE2 part). */
        RFC,
        /** MS-ICE draft-6 as in Lync's {@code ms-proxy-2007fallback} part. */
        MS_ICE_DRAFT6
    }

    /**
     * A name/value pair after the fixed candidate fields.
     *
     * @param name  attribute name as written
     * @param value its value as written
     */
    public record Extension(String name, String value) {
        public Extension {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
