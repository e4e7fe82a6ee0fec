package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.peers.SquidSslBump;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 4: through a proxy that answers CONNECT with 407 only the proxy was reached, so no finding may say
 * the TCP connect to the target succeeded. Real peer: squid on its Basic-auth port (lab launcher); the target is a
 * listener this test opens and that squid never dials.
 */
class ProxyRefusalIT {

    @Test
    void a407FromTheProxyNeverReadsAsAConnectToTheTarget() throws Exception {
        try (SquidSslBump squid = SquidSslBump.start();
                ServerSocket target = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            TransportAddress t = new TransportAddress("127.0.0.1", target.getLocalPort());
            for (InspectionProbe probe : new InspectionProbe[] {
                    TlsProbe.create(InspectOptions.builder().proxyContext(false).httpProxy(squid.authProxy()).build()),
                    PseudoTlsProbe.create(InspectOptions.builder().proxyContext(false).httpProxy(squid.authProxy())
                            .build())}) {
                TlsInspection i = probe.inspect(t, Duration.ofSeconds(5)).toCompletableFuture().join();
                assertThat(i.verdict()).isEqualTo(Verdict.HTTP_PROXY_RESPONSE);
                assertThat(i.findings()).extracting(Finding::code).contains("PROXY_AUTH_REQUIRED")
                        .doesNotContain("TCP_OPEN_TLS_BLOCKED");
                assertThat(i.findings()).allSatisfy(f -> assertThat(f.summary())
                        .doesNotContain("TCP connect to " + t + " succeeded"));
            }
        }
    }
}
