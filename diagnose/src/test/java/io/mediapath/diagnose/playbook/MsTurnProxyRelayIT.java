package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.lab.edge.EmulatedEdge;
import io.mediapath.lab.peers.SquidConnectProxy;
import org.junit.jupiter.api.Test;

/**
 * The proxy-relay leg in the MS-TURN dialect: the pseudo-TLS hello and the framed Allocates through real squid
 * (Basic auth, basic_ncsa_auth) to lab's emulated Edge. Right proxy credentials: media can take the proxy path (the
 * Edge allocates through the tunnel). Wrong ones: the proxy's 407, reported as HTTP_PROXY on that leg and
 * TURN_PROXY_AUTH_REQUIRED, never as the Edge's authentication. Neither password reaches the report.
 */
class MsTurnProxyRelayIT {

    @Test
    void theEdgeThroughSquidAsAConnectProxyTheProxyRelayLegAllocates() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.builder().msTurn("bob@lab.test", "Edge-pass-3").start();
                SquidConnectProxy squid = SquidConnectProxy.builder().allowPorts(edge.address().port())
                        .basicAuth("erin", "Squid-pass-9").start()) {
            EdgeTarget.Builder t = EdgeTarget.builder("127.0.0.1").dialect(Dialect.MS_TURN)
                    .udpPort(edge.udpAddress().orElseThrow().port()).tcpPort(edge.address().port())
                    .credentials("bob@lab.test", "Edge-pass-3").proxy(squid.address());
            PlaybookOptions o = EdgePlaybookIT.options().build();
            EdgeReport ok = EdgePlaybookIT.run(t.proxyCredentials("erin", "Squid-pass-9").build(), o);
            LegResult leg = ok.leg(LegKind.PROXY_RELAY).orElseThrow();
            assertThat(leg.status()).as(leg.detail()).isEqualTo(LegStatus.PASSED);
            assertThat(leg.result().verdict()).isEqualTo("ALLOCATED");
            assertThat(leg.detail()).contains("MS-TURN over TCP (pseudo-TLS) through");
            assertThat(squid.accessLog()).anyMatch(l -> l.contains("CONNECT 127.0.0.1:" + edge.address().port())
                    && l.contains("/200 ") && l.contains(" erin "));
            assertThat(ok.rootCause().code()).as(ok.rootCause().summary()).isEqualTo(RootCauseCode.NONE);

            EdgeReport wrong = EdgePlaybookIT.run(t.proxyCredentials("erin", "not-the-pass").build(), o);
            LegResult refused = wrong.leg(LegKind.PROXY_RELAY).orElseThrow();
            assertThat(refused.status()).as(refused.detail()).isEqualTo(LegStatus.HTTP_PROXY);
            assertThat(refused.detail()).contains("407");
            assertThat(wrong.findings()).anyMatch(f -> f.code().equals("TURN_PROXY_AUTH_REQUIRED"))
                    .noneMatch(f -> f.code().equals("TURN_AUTH_FAILED"));
            assertThat(ok.toString() + wrong).doesNotContain("Squid-pass-9").doesNotContain("Edge-pass-3");
        }
    }
}
