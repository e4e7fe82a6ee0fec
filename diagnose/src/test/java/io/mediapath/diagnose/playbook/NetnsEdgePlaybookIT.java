package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.netns.ExecResult;
import io.mediapath.lab.netns.NetnsSeedTopology;
import io.mediapath.lab.netns.NetnsSeedTopology.Interceptor;
import io.mediapath.lab.netns.NetnsSeedTopology.Relay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accuracy matrix rows that need the network between client and relay (docs/playbook.md): a client, a
 * middlebox and a relay in network namespaces this test creates ({@link NetnsSeedTopology}), a transparent
 * interceptor behind an iptables REDIRECT of the relay's TCP 443 (sslsplit, or squid ssl-bump in intercept mode),
 * or an iptables DROP of UDP 3478. The playbook runs inside the client namespace ({@link NetnsPlaybookMain}, a child
 * JVM under {@code ip netns exec}) against the relay's own address, 10.203.2.2, exactly as a user would run it
 * against their Edge: nothing in the client knows a middlebox is there. Every peer is real (the emulated Edge is the
 * lab's genuine-Edge stand-in: no Debian package speaks pseudo-TLS). Needs root.
 */
class NetnsEdgePlaybookIT {

    private static final Duration RUN = Duration.ofSeconds(90);

    @Test
    void transparentSslsplitInFrontOfTheEdge() {
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().intercept(false).start()) {
            Run clean = edge(t);
            clean.assertVerdicts("NONE", "WORKS", "WORKS");
            assertThat(clean.value("leg.tcp-relay")).startsWith("PASSED");

            t.setInterception(true);
            Run r = edge(t);
            r.assertVerdicts("MIDDLEBOX_RESET", "WORKS", "FAILS");
            assertThat(r.value("leg.tcp-connect")).startsWith("PASSED");
            assertThat(r.value("findings")).contains("TCP_OPEN_RELAY_FAILS");
        }
    }

    @Test
    void transparentSslsplitInFrontOfCoturnTurns() {
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().relay(Relay.COTURN).intercept(false).start()) {
            Run clean = turn(t);
            clean.assertVerdicts("NONE", "WORKS", "WORKS");
            assertThat(clean.value("leg.turns")).startsWith("PASSED");

            t.setInterception(true);
            Run r = turn(t);
            r.assertVerdicts("TLS_INTERCEPTED", "WORKS", "FAILS");
            assertThat(r.value("leg.turns")).as(r.all()).startsWith("INTERCEPTED");
            assertThat(r.value("leg.browser-sni")).as(r.all()).startsWith("INTERCEPTED");
            assertThat(r.value("findings")).contains("TCP_OPEN_RELAY_FAILS");
        }
    }

    @Test
    void transparentSquidSslBumpInFrontOfTheEdge() {
        // squid peeks at the hello, then bumps: the Edge's pseudo-TLS hello (cipher 0x0018 only) gets a TLS alert,
        // real TLS a leaf forged by squid's CA. TLS interception. (When the http leg gets squid's error page before
        // its deadline the product reads squid/5.7; on a loaded machine it may not, so that is not asserted.)
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().interceptor(Interceptor.SQUID_SSL_BUMP).start()) {
            Run r = edge(t);
            r.assertVerdicts("TLS_INTERCEPTED", "WORKS", "FAILS");
            assertThat(r.value("findings")).as(r.all()).contains("TLS_ALERT_INSTEAD_OF_ANSWER");
            assertThat(r.value("leg.tcp-connect")).startsWith("PASSED");
            assertThat(r.value("leg.tcp-relay")).as(r.all()).startsWith("INTERCEPTED");
            assertThat(r.value("leg.browser-sni")).as(r.all()).startsWith("INTERCEPTED");
            assertThat(r.value("leg.browser-no-sni")).as(r.all()).startsWith("INTERCEPTED");
            assertThat(r.value("remedy")).as(r.all()).contains(NetnsSeedTopology.RELAY_IP);
        }
    }

    @Test
    void transparentSquidSslBumpInFrontOfCoturnTurns() {
        // squid mints a leaf mimicking coturn's for every bumped connection (1-2 s each on a loaded machine), longer
        // than the diagnostic profile's 2 s TLS timeout: this row runs the RFC profile so TURNS sees the forged
        // chain rather than a stalled handshake.
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().relay(Relay.COTURN)
                .interceptor(Interceptor.SQUID_SSL_BUMP).start()) {
            Run r = run(t, "turn/rfc", "relay.lync.test", t.publicCaCertificate().toString());
            r.assertVerdicts("TLS_INTERCEPTED", "WORKS", "FAILS");
            assertThat(r.value("leg.turns")).as(r.all()).startsWith("INTERCEPTED");
            assertThat(r.value("leg.browser-sni")).as(r.all()).startsWith("INTERCEPTED");
            assertThat(r.value("findings")).contains("TCP_OPEN_RELAY_FAILS");
        }
    }

    @Test
    void udp3478DroppedInFrontOfTheEdge() {
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().intercept(false).dropUdp(true).start()) {
            Run r = edge(t);
            r.assertVerdicts("UDP_BLOCKED", "DEGRADED", "WORKS");
            // audio and video fall back to the TCP relay, which is clean: DEGRADED, the path named
            assertThat(r.value("modality.audio")).as(r.all()).contains("TCP");
            assertThat(r.value("leg.udp-relay")).startsWith("SILENT");
            assertThat(r.value("leg.tcp-relay")).startsWith("PASSED");
            assertThat(r.value("remedy")).as(r.all()).contains("UDP").contains(NetnsSeedTopology.RELAY_IP);
        }
    }

    @Test
    void udp3478DroppedInFrontOfCoturn() {
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().relay(Relay.COTURN).intercept(false).dropUdp(true)
                .start()) {
            Run r = turn(t, NetnsSeedTopology.COTURN_USER, NetnsSeedTopology.COTURN_PASSWORD);
            r.assertVerdicts("UDP_BLOCKED", "DEGRADED", "WORKS");
            assertThat(r.value("modality.audio")).as(r.all()).contains("TCP");
            assertThat(r.value("leg.udp-relay")).startsWith("SILENT");
            // the credentials prove the clean TCP and TLS paths end to end: real allocations there
            assertThat(r.value("leg.tcp-relay")).as(r.all()).startsWith("PASSED ALLOCATED");
            assertThat(r.value("leg.turns")).as(r.all()).startsWith("PASSED ALLOCATED");
            assertThat(r.all()).doesNotContain(NetnsSeedTopology.COTURN_PASSWORD);
        }
    }

    private static Run edge(NetnsSeedTopology t) {
        return run(t, "ms-turn", "edge.lab.example", null);
    }

    private static Run turn(NetnsSeedTopology t, String... credentials) {
        return run(t, "turn", "relay.lync.test", t.publicCaCertificate().toString(), credentials);
    }

    private static Run run(NetnsSeedTopology t, String dialect, String sni, String trust, String... credentials) {
        List<String> args = new ArrayList<>(List.of(dialect, NetnsSeedTopology.RELAY_IP,
                Integer.toString(NetnsSeedTopology.UDP_PORT), "443", sni));
        if (trust != null) {
            args.add(trust);
            args.addAll(List.of(credentials));
        }
        ExecResult r = t.runJavaInClient(RUN, NetnsPlaybookMain.class.getName(), args.toArray(String[]::new));
        assertThat(r.exitCode()).as("playbook in the client namespace: " + r.stdout() + r.stderr()).isZero();
        return new Run(r);
    }

    /** What {@link NetnsPlaybookMain} printed. */
    private record Run(ExecResult r) {
        String value(String key) {
            return r.value(key);
        }

        String all() {
            return r.stdout() + r.stderr();
        }

        void assertVerdicts(String rootCause, String audio, String appsharing) {
            assertThat(value("rootCause")).as(all()).isEqualTo(rootCause);
            assertThat(value("modality.audio")).as(all()).startsWith(audio);
            assertThat(value("modality.video")).as(all()).startsWith(audio);
            assertThat(value("modality.appsharing")).as(all()).startsWith(appsharing);
            assertThat(value("modality.filetransfer")).as(all()).startsWith(appsharing);
        }
    }
}
