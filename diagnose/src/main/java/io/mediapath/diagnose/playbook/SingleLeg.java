package io.mediapath.diagnose.playbook;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.tls.IssuerSignatures;
import io.mediapath.tls.PseudoTlsProbe;
import io.mediapath.tls.TlsInspection;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnProbeReport;
import java.util.List;
import java.util.Optional;

/**
 * The root cause and modality table of one probe command ({@code tls}, {@code turn}, {@code turn --ms-turn}): its
 * result read as the edge leg it corresponds to and combined by {@link RootCauseCombiner#combineProbed}, the rules
 * {@code mediapath edge} and capture analysis use. A modality the one leg cannot decide is
 * {@link Support#UNKNOWN}, never guessed: a pseudo-TLS or TCP/TLS probe says nothing about UDP.
 */
public final class SingleLeg {

    private SingleLeg() {
    }

    /**
     * A {@code tls} inspection: the pseudo-TLS hello is an Edge's TCP relay leg (ms-turn dialect); a real TLS
     * hello is the TURNS leg of a relay speaking TLS on its port (turn dialect), which proves the TLS path but not
     * the TURN exchange inside it (the detail says so).
     */
    public static RootCauseCombiner.Conclusion conclude(TlsInspection i) {
        boolean pseudo = i.probe().equals(PseudoTlsProbe.NAME);
        LegKind kind = pseudo ? LegKind.TCP_RELAY : LegKind.TURNS;
        Dialect dialect = pseudo ? Dialect.MS_TURN : Dialect.TURN;
        LegStatus s = pseudo ? LegStatus.ofPseudoTls(i.verdict()) : LegStatus.ofTls(i, dialect);
        String detail = EdgePlaybook.tlsDetail(i, s) + (!pseudo && s == LegStatus.PASSED
                ? " (TLS only: the TURN exchange inside was not tried)" : "");
        Optional<String> product = IssuerSignatures.builtIn().match(i.chain()).stream()
                .map(m -> m.signature().product()).findFirst();
        LegResult leg = new LegResult(kind, kind.label(), s, detail, i.toProbeResult(), product,
                i.remoteAddress().isEmpty() ? List.of() : List.of(i.remoteAddress()), Optional.of(i));
        return combine(i.target(), dialect, kind, leg);
    }

    /** A {@code turn} probe: the UDP, TCP or TURNS relay leg by the URI's transport (turn dialect). */
    public static RootCauseCombiner.Conclusion conclude(TurnProbeReport r) {
        LegKind kind = switch (r.uri().transport()) {
            case UDP -> LegKind.UDP_RELAY;
            case TCP -> LegKind.TCP_RELAY;
            case TLS -> LegKind.TURNS;
        };
        LegResult leg = new LegResult(kind, kind.label(), LegStatus.ofTurn(r), EdgePlaybook.turnDetail(r),
                r.toProbeResult(), Optional.empty(), List.of());
        return combine(new TransportAddress(r.uri().host(), r.uri().port()), Dialect.TURN, kind, leg);
    }

    /** A {@code turn --ms-turn} probe: the Edge's UDP or TCP relay leg (ms-turn dialect). */
    public static RootCauseCombiner.Conclusion concludeMsTurn(ProbeResult r, StunTransport transport) {
        LegKind kind = transport == StunTransport.UDP ? LegKind.UDP_RELAY : LegKind.TCP_RELAY;
        LegResult leg = new LegResult(kind, kind.label(), LegStatus.ofMsTurn(r.verdict()),
                EdgePlaybook.lastDetail(r), r, Optional.empty(), List.of());
        return combine(r.target(), Dialect.MS_TURN, kind, leg);
    }

    private static RootCauseCombiner.Conclusion combine(TransportAddress a, Dialect dialect, LegKind kind,
            LegResult leg) {
        EdgeTarget.Builder b = EdgeTarget.builder(a.host()).dialect(dialect);
        if (kind == LegKind.UDP_RELAY) {
            b.udpPort(a.port());
        } else {
            b.tcpPort(a.port());
        }
        return RootCauseCombiner.combineProbed(b.build(), List.of(leg));
    }
}
