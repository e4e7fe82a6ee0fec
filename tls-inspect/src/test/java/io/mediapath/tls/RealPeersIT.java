package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The verdicts against real Debian peers on 127.0.0.1, started by PID and stopped: openssl s_server as the genuine
 * server, sslsplit forging with a lab CA in front of it (and in front of an in-process pseudo-TLS relay).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealPeersIT {

    private static final String INSTALL = "apt-get install -y openssl sslsplit";
    private final List<Process> processes = new ArrayList<>();
    private Path dir;
    private int origin;
    private int sslsplit;
    private int sslsplitToRelay;
    private TestPeer relay;

    @BeforeAll
    void start() throws Exception {
        for (String tool : List.of("/usr/bin/openssl", "/usr/bin/sslsplit")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " missing; install with: " + INSTALL);
            }
        }
        dir = Files.createTempDirectory("tls-inspect-it");
        dir.toFile().setExecutable(true, false);
        sh("openssl req -x509 -newkey rsa:2048 -nodes -keyout origin-ca.key -out origin-ca.crt -days 30 -subj '/CN=Lab Public Root CA/O=Lab PKI'");
        sh("openssl req -newkey rsa:2048 -nodes -keyout origin.key -out origin.csr -subj '/CN=relay.lync.test/O=Genuine Relay Inc'");
        sh("printf 'subjectAltName=DNS:relay.lync.test,IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > origin.ext");
        sh("openssl x509 -req -in origin.csr -CA origin-ca.crt -CAkey origin-ca.key -CAcreateserial -out origin.crt -days 30 -extfile origin.ext");
        sh("openssl req -x509 -newkey rsa:2048 -nodes -keyout proxy-ca.key -out proxy-ca.crt -days 30"
                + " -subj '/CN=Lab Interception Root CA/O=tls-inspect lab proxy/OU=SSL Inspection'"
                + " -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'");
        origin = freePort();
        launch("openssl", "s_server", "-accept", "127.0.0.1:" + origin, "-cert", "origin.crt", "-key", "origin.key",
                "-cert_chain", "origin-ca.crt", "-www", "-quiet");
        awaitListening(origin);
        relay = new TestPeer(TestPeer.Mode.GENUINE_PSEUDO_TLS);
        sslsplit = freePort();
        sslsplitToRelay = freePort();
        launch("sslsplit", "-k", "proxy-ca.key", "-c", "proxy-ca.crt", "ssl", "127.0.0.1", "" + sslsplit, "127.0.0.1",
                "" + origin, "ssl", "127.0.0.1", "" + sslsplitToRelay, "127.0.0.1", "" + relay.address().port());
        awaitListening(sslsplit);
        awaitListening(sslsplitToRelay);
    }

    @AfterAll
    void stop() throws Exception {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        if (relay != null) {
            relay.close();
        }
    }

    private InspectOptions opts() {
        return InspectOptions.builder().sni("relay.lync.test").proxyContext(false)
                .trust(InspectOptions.readCertificates(dir.resolve("origin-ca.crt"))).build();
    }

    private static TlsInspection tls(InspectOptions o, int port) {
        return TlsProbe.create(o).inspect(new TransportAddress("127.0.0.1", port), Duration.ofSeconds(10))
                .toCompletableFuture().join();
    }

    @Test
    void opensslServerIsGenuineTls() {
        TlsInspection i = tls(opts(), origin);
        assertThat(i.verdict()).isEqualTo(Verdict.GENUINE_TLS);
        assertThat(i.chain()).hasSize(2);
        assertThat(i.serverHello().orElseThrow().selectedVersion()).isEqualTo(0x0304);
        assertThat(i.has("TCP_OPEN_TLS_BLOCKED")).isFalse();
        // pinning the genuine leaf also reads as genuine: a clean path never reads as intercepted
        TlsInspection pinned = tls(opts().toBuilder().pin("sha256/" + i.chain().get(0).spkiSha256()).build(), origin);
        assertThat(pinned.verdict()).isEqualTo(Verdict.GENUINE_TLS);
    }

    @Test
    void sslsplitIsInterceptedWithForgedChain() {
        TlsInspection genuine = tls(opts(), origin);
        TlsInspection i = tls(opts().toBuilder().pin("sha256/" + genuine.chain().get(0).spkiSha256()).build(), sslsplit);
        assertThat(i.verdict()).isEqualTo(Verdict.INTERCEPTED);
        assertThat(i.has("TLS_PIN_MISMATCH")).isTrue();
        assertThat(i.chain().get(0).issuer()).contains("Lab Interception Root CA");
        assertThat(i.chain().get(0).subject()).contains("relay.lync.test");
        TlsInspection unpinned = tls(opts(), sslsplit);
        assertThat(unpinned.verdict()).isEqualTo(Verdict.INTERCEPTED);
        assertThat(unpinned.has("TLS_CHAIN_UNTRUSTED")).isTrue();
        assertThat(unpinned.has("FORGED_LEAF_RSA_EXPONENT_3")).as("sslsplit's start-up key has e=3").isTrue();
        assertThat(unpinned.has("LEAF_MINTED_ON_DEMAND")).isTrue();
    }

    @Test
    void pseudoTlsThroughSslsplitIsNotGenuineButDirectIs() {
        PseudoTlsProbe p = PseudoTlsProbe.create(opts());
        TlsInspection direct = p.inspect(relay.address(), Duration.ofSeconds(5)).toCompletableFuture().join();
        assertThat(direct.verdict()).isEqualTo(Verdict.GENUINE_PSEUDO_TLS);
        TlsInspection via = p.inspect(new TransportAddress("127.0.0.1", sslsplitToRelay), Duration.ofSeconds(5))
                .toCompletableFuture().join();
        assertThat(via.verdict()).isIn(Verdict.RESET_AFTER_HELLO, Verdict.TLS_ALERT, Verdict.CLOSED_AFTER_HELLO);
        assertThat(via.has("TCP_OPEN_TLS_BLOCKED")).isTrue();
    }

    private void sh(String cmd) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("setup.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + cmd + "\n" + Files.readString(dir.resolve("setup.log")));
        }
    }

    private void launch(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(cmd[0] + "-" + processes.size() + ".log").toFile()).start();
        processes.add(p);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void awaitListening(int port) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + "; logs in " + dir);
    }
}
