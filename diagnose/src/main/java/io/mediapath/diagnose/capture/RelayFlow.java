package io.mediapath.diagnose.capture;

import io.mediapath.capture.Endpoint;
import io.mediapath.ice.Finding;
import io.mediapath.tls.TlsInspection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One media-relay flow of a capture and its verdict.
 *
 * @param kind       what the flow speaks
 * @param client     the side that opened it
 * @param server     the relay (or whatever answered in its place)
 * @param firstFrame the flow's first frame (Wireshark's number)
 * @param namedBy    why this server is known to be a relay: {@code --relay}, {@code SIP frame N}, or empty when the
 *                   flow was found by its content alone
 * @param verdict    the verdict in one word: a tls-inspect {@code Verdict} name for (pseudo-)TLS, and for STUN/TURN
 *                   {@code ALLOCATED}, {@code CHALLENGED}, {@code AUTH_FAILED}, {@code ERROR_<code>},
 *                   {@code BINDING_OK}, {@code NO_ANSWER}
 * @param ok         true when the verdict means the relay answered as it should
 * @param inspection the full (pseudo-)TLS judgement, for TLS flows
 * @param findings   what was found, worst first; evidence cites frame numbers
 */
public record RelayFlow(Kind kind, Endpoint client, Endpoint server, long firstFrame, String namedBy, String verdict,
        boolean ok, Optional<TlsInspection> inspection, List<Finding> findings) {

    /** What a relay flow speaks. */
    public enum Kind {
        /** MS-TURN pseudo-TLS over TCP (Lync/SfB Edge). */
        PSEUDO_TLS,
        /** TLS over TCP (a TURNS relay, or any TLS server). */
        TLS,
        /** STUN/TURN over UDP (classic, RFC 5389+, or MS-TURN). */
        STUN_UDP,
        /** STUN/TURN over TCP. */
        STUN_TCP
    }

    public RelayFlow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(namedBy, "namedBy");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(inspection, "inspection");
        findings = List.copyOf(findings);
    }

    /** {@code tcp 10.0.0.5:50123 > 192.0.2.7:443} or {@code udp …}. */
    public String describe() {
        return (kind == Kind.STUN_UDP ? "udp " : "tcp ") + client + " > " + server;
    }
}
