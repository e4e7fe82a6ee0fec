package io.mediapath.exporter;

import io.mediapath.diagnose.playbook.Dialect;
import io.mediapath.turn.StunTransport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a module runs. Each kind is also a built-in module of the same name with default settings. Adding a kind
 * is one constant here (its name, default port, a line for the module list, and how to make its {@link Prober}).
 */
public enum ProberKind {
    /** The whole edge playbook, MS-TURN dialect (Lync/Skype for Business Edge); the target's port is TCP. */
    EDGE_MS_TURN(443, "edge playbook, MS-TURN dialect: every leg, modality verdicts, one root cause",
            s -> new EdgeProber(Dialect.MS_TURN)),
    /** The whole edge playbook, RFC dialect (Teams, coturn); the target's port is TCP. */
    EDGE_TURN(443, "edge playbook, RFC TURN dialect: every leg, modality verdicts, one root cause",
            s -> new EdgeProber(Dialect.TURN)),
    /** A STUN Binding over UDP. */
    STUN_UDP(3478, "STUN Binding over UDP", s -> new RelayProber("stun", StunTransport.UDP)),
    /** TURN over UDP: Allocate → 401 (→ allocate with credentials). */
    TURN_UDP(3478, "TURN Allocate over UDP (401 challenge; allocation with credentials)",
            s -> new RelayProber("turn", StunTransport.UDP)),
    /** TURN over TCP. */
    TURN_TCP(3478, "TURN Allocate over TCP", s -> new RelayProber("turn", StunTransport.TCP)),
    /** TURN over TLS. */
    TURNS(5349, "TURN Allocate over TLS", s -> new RelayProber("turns", StunTransport.TLS)),
    /** Media quality through the relay over UDP: two allocations echo each other (needs credentials). */
    QUALITY_UDP(3478, "media quality through the TURN relay over UDP: loss, RTT, jitter (two allocations echo each"
            + " other; needs credentials)", s -> new QualityProber()),
    /** The MS-TURN pseudo-TLS hello: who answers on TCP 443 to a Lync Edge. */
    PSEUDO_TLS(443, "MS-TURN pseudo-TLS hello: who answers on the Edge's TCP port", s -> new TlsProber(true)),
    /** A real TLS hello: chain, issuer product, forged-leaf signals. */
    TLS_INTERCEPTION(443, "real TLS ClientHello: chain, issuer product, interception signals",
            s -> new TlsProber(false));

    private final int defaultPort;
    private final String description;
    private final Function<ModuleSettings, Prober> factory;

    ProberKind(int defaultPort, String description, Function<ModuleSettings, Prober> factory) {
        this.defaultPort = defaultPort;
        this.description = description;
        this.factory = factory;
    }

    /** The kind's name in configs and queries: {@code edge_ms_turn}, {@code stun_udp}… */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The port probed when neither the target nor the module gives one. */
    public int defaultPort() {
        return defaultPort;
    }

    /** One line for module lists. */
    public String description() {
        return description;
    }

    /** The kind named {@code id}, if any. */
    public static Optional<ProberKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
    }

    Prober newProber(ModuleSettings settings) {
        return factory.apply(settings);
    }
}
