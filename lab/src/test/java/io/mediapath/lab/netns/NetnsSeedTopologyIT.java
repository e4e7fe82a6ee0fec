package io.mediapath.lab.netns;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetnsSeedTopologyIT {

    private static final Duration PROBE = Duration.ofSeconds(60);
    private static final String HELLO = HexFormat.of().formatHex(TestData.vector("mstcp-pseudotls-clienthello.hex"));
    private static final byte[] TEMPLATE = TestData.vector("mstcp-pseudotls-serverhello-template.hex");

    @Test
    void tcpConnectSucceedsYetThePseudoTlsHelloIsIntercepted() {
        String[] names;
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().intercept(false).start()) {
            names = new String[] {t.clientNamespace(), t.middleboxNamespace(), t.relayNamespace()};
            String relay = t.relayAddress().host();

            // clean path: the genuine Edge answers through the forwarding middlebox
            ExecResult clean = t.runJavaInClient(PROBE, ClientProbeMain.class.getName(), "pseudo", relay, "443", HELLO);
            assertThat(clean.exitCode()).as(clean.stderr()).isZero();
            assertThat(genuine(clean.value("bytes"))).as(clean.stdout()).isTrue();

            t.setInterception(true);
            ExecResult tcp = t.runJavaInClient(PROBE, ClientProbeMain.class.getName(), "tcp", relay, "443");
            assertThat(tcp.value("connect")).as(tcp.stdout() + tcp.stderr()).isEqualTo("ok"); // what telnet sees
            ExecResult intercepted = t.runJavaInClient(PROBE, ClientProbeMain.class.getName(), "pseudo", relay, "443", HELLO);
            assertThat(intercepted.exitCode()).as(intercepted.stderr()).isZero();
            assertThat(genuine(intercepted.value("bytes"))).as(intercepted.stdout()).isFalse();
            // the guide's lab result: sslsplit refuses the pseudo hello with alert 40 (or resets)
            String bytes = intercepted.value("bytes");
            assertThat(bytes.startsWith("15") || "RESET".equals(intercepted.value("end"))
                    || "EOF".equals(intercepted.value("end"))).as(intercepted.stdout()).isTrue();
        }
        assertNamespacesGone(names);
    }

    @Test
    void tlsToTheRelayGetsALeafForgedBySslsplit() {
        try (NetnsSeedTopology t = NetnsSeedTopology.builder().relay(NetnsSeedTopology.Relay.OPENSSL_TLS).start()) {
            String relay = t.relayAddress().host();
            ExecResult forged = t.runJavaInClient(PROBE, ClientProbeMain.class.getName(), "tls", relay, "443");
            assertThat(forged.exitCode()).as(forged.stderr()).isZero();
            assertThat(forged.value("issuer")).contains("CN=Lab Interception Root CA");
            assertThat(forged.value("subject")).contains("O=Genuine Relay Inc").contains("CN=relay.lync.test");
            // sslsplit found the original destination via SO_ORIGINAL_DST and logged the real relay
            awaitLog(t);
            assertThat(String.join("\n", t.sslsplitConnectLog())).contains(relay + " 443");

            t.setInterception(false);
            ExecResult genuine = t.runJavaInClient(PROBE, ClientProbeMain.class.getName(), "tls", relay, "443");
            assertThat(genuine.value("issuer")).as(genuine.stdout() + genuine.stderr()).contains("CN=Lab Public Root CA");
        }
    }

    private static void awaitLog(NetnsSeedTopology t) {
        for (int i = 0; i < 100 && t.sslsplitConnectLog().isEmpty(); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean genuine(String hex) {
        byte[] b = HexFormat.of().parseHex(hex == null ? "" : hex);
        if (b.length != 83) {
            return false;
        }
        Arrays.fill(b, 11, 43, (byte) 0);
        Arrays.fill(b, 44, 76, (byte) 0);
        return Arrays.equals(b, TEMPLATE);
    }

    private static void assertNamespacesGone(String[] names) {
        for (String n : names) {
            assertThat(Files.exists(Path.of("/run/netns", n))).as("namespace %s deleted", n).isFalse();
        }
        assertThat(List.of(names)).hasSize(3);
    }
}
