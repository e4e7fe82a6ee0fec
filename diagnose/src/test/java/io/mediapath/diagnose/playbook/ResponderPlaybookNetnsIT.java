package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.SeedTopology;
import io.mediapath.lab.netns.ExecResult;
import io.mediapath.lab.netns.NetnsSeedTopology;
import io.mediapath.lab.pki.LabCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The two-ended proof's sslsplit case through the edge playbook, in network namespaces this test creates (lab's
 * {@link NetnsSeedTopology}): the mediapath responder stands at the relay's address ({@link NetnsResponderRelayMain}),
 * a transparent sslsplit REDIRECT of TCP 443 on the client side forges leaves under a CA named like the seed's product.
 * The responder legs over TCP are intercepted (no valid receipt, or one for another ClientHello), and the interceptor
 * is named with tls-inspect's verdicts: the issuer database's product on the TLS leg, a pseudo-TLS verdict on the
 * pseudo-TLS leg; the root cause carries the product. (responder's own {@code ResponderNetnsIT} asserts the
 * conclusions; naming needs tls-inspect, which the responder module must not depend on, so that assertion lives here
 * with the playbook that does the naming.) Needs root (the test command runs as root).
 */
class ResponderPlaybookNetnsIT {

    private static final String SECRET = "netns-playbook-proof-token-0123456789";

    @Test
    void sslsplitInTheRespondersNameIsInterceptedAndNamed() throws Exception {
        Path token = Files.createTempFile("mediapath-responder-token", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(token, SECRET + "\n");
            LabCa websense = LabCa.builder().subject(SeedTopology.WEBSENSE_CA).build();
            try (NetnsSeedTopology t = NetnsSeedTopology.builder().intercept(true).interceptionCa(websense)
                    .relayJava(NetnsResponderRelayMain.class.getName(), NetnsSeedTopology.RELAY_IP, token.toString())
                    .start()) {
                ExecResult r = t.runJavaInClient(Duration.ofSeconds(90), NetnsResponderPlaybookMain.class.getName(),
                        NetnsSeedTopology.RELAY_IP, token.toString());
                String all = r.stdout() + r.stderr();
                assertThat(r.exitCode()).as(all).isZero();
                assertThat(all).doesNotContain(SECRET);
                assertThat(r.value("leg.responder-udp")).as(all).startsWith("PASSED REACHED");
                assertThat(r.value("leg.responder-tls")).as(all).startsWith("INTERCEPTED INTERCEPTED");
                assertThat(r.value("product.responder-tls")).as(all).contains("Websense");
                assertThat(r.value("inspection.responder-tls")).as(all).isNotBlank().doesNotStartWith("GENUINE");
                assertThat(r.value("detail.responder-tls")).as(all).contains("tls-inspect: ");
                assertThat(r.value("leg.responder-pseudo-tls")).as(all).startsWith("INTERCEPTED INTERCEPTED");
                assertThat(r.value("inspection.responder-pseudo-tls")).as(all).isNotBlank().doesNotStartWith("GENUINE");
                assertThat(r.value("rootCause")).as(all).isEqualTo("TLS_INTERCEPTED");
                assertThat(r.value("product")).as(all).contains("Websense");
                assertThat(t.sslsplitConnectLog()).isNotEmpty();
            }
        } finally {
            Files.deleteIfExists(token);
        }
    }
}
