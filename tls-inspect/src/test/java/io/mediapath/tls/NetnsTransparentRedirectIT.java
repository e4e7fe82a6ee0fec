package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.netns.ExecResult;
import io.mediapath.lab.netns.NetnsSeedTopology;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The seeds' topology for real: client, middlebox and relay in network namespaces this test creates, an iptables
 * REDIRECT of the relay's TCP 443 to sslsplit on the middlebox. tls-inspect's own probes run inside the client
 * namespace ({@link NetnsProbeMain}) and must tell the clean path from the intercepted one, although a plain TCP
 * connect succeeds in both (the telnet trap). Needs root (the test command runs as root in CI).
 */
class NetnsTransparentRedirectIT {

    private static final Duration PROBE = Duration.ofSeconds(60);

    @Test
    void pseudoTlsProbeSeesTheGenuineEdgeThenTheTransparentInterceptor() {
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().intercept(false).start()) {
            String relay = t.relayAddress().host();

            ExecResult clean = probe(t, "pseudo", relay);
            assertThat(clean.value("verdict")).as(clean.stdout() + clean.stderr()).isEqualTo("GENUINE_PSEUDO_TLS");

            t.setInterception(true);
            ExecResult intercepted = probe(t, "pseudo", relay);
            String verdict = intercepted.value("verdict");
            assertThat(verdict).as(intercepted.stdout() + intercepted.stderr())
                    .isIn("INTERCEPTED", "TLS_ALERT", "RESET_AFTER_HELLO", "CLOSED_AFTER_HELLO");
            // TCP reached "the relay" (sslsplit, in fact) and only the hello failed: the telnet trap is named.
            assertThat(intercepted.value("codes")).contains("TCP_OPEN_TLS_BLOCKED");
        }
    }

    @Test
    void tlsProbeNamesTheForgedChainBehindTheRedirect() {
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().relay(NetnsSeedTopology.Relay.OPENSSL_TLS).start()) {
            String relay = t.relayAddress().host();
            ExecResult forged = probe(t, "tls", relay);
            assertThat(forged.value("verdict")).as(forged.stdout() + forged.stderr()).isEqualTo("INTERCEPTED");
            assertThat(forged.value("issuer")).contains("Lab Interception Root CA");

            t.setInterception(false);
            ExecResult direct = probe(t, "tls", relay);
            // The lab's public CA is in no trust store, so the clean path is not GENUINE_TLS here, but it must
            // show the relay's real issuer and never the interceptor's.
            assertThat(direct.value("issuer")).as(direct.stdout() + direct.stderr()).contains("Lab Public Root CA");
        }
    }

    private static ExecResult probe(NetnsSeedTopology t, String kind, String relay) {
        ExecResult r = t.runJavaInClient(PROBE, NetnsProbeMain.class.getName(), kind, relay, "443");
        assertThat(r.exitCode()).as("probe in client namespace: " + r.stdout() + r.stderr()).isZero();
        return r;
    }
}
