package io.mediapath.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EmulatedEdgeTest {

    private static final byte[] HELLO = TestData.vector("mstcp-pseudotls-clienthello.hex");
    private static final byte[] TEMPLATE = TestData.vector("mstcp-pseudotls-serverhello-template.hex");

    @Test
    void answersTheVectorHelloWithTheSpecTemplateInOneRecord() throws IOException {
        assertThat(HELLO).hasSize(50);
        assertThat(TEMPLATE).hasSize(83);
        try (EmulatedEdge edge = EmulatedEdge.start(); Socket s = connect(edge)) {
            s.getOutputStream().write(HELLO);
            byte[] answer = s.getInputStream().readNBytes(83);
            assertThat(answer).hasSize(83);
            assertThat(mask(answer)).isEqualTo(TEMPLATE);
            // the fields the template wildcards are filled (fresh random / session id), not zeros
            assertThat(Arrays.copyOfRange(answer, 15, 43)).isNotEqualTo(new byte[28]);
            assertThat(Arrays.copyOfRange(answer, 44, 76)).isNotEqualTo(new byte[32]);
            // nothing else follows, and the connection stays open (a read times out instead of EOF)
            s.setSoTimeout(300);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(edge.answered()).isEqualTo(1);
        }
    }

    @Test
    void eachConnectionGetsAFreshRandomAndSessionId() throws IOException {
        try (EmulatedEdge edge = EmulatedEdge.start()) {
            byte[] a = handshake(edge);
            byte[] b = handshake(edge);
            assertThat(mask(a)).isEqualTo(mask(b));
            assertThat(Arrays.copyOfRange(a, 44, 76)).isNotEqualTo(Arrays.copyOfRange(b, 44, 76));
        }
    }

    @Test
    void helloSplitAcrossWritesIsStillAnswered() throws IOException, InterruptedException {
        try (EmulatedEdge edge = EmulatedEdge.start(); Socket s = connect(edge)) {
            s.setTcpNoDelay(true);
            s.getOutputStream().write(HELLO, 0, 3);
            s.getOutputStream().flush();
            Thread.sleep(50);
            s.getOutputStream().write(HELLO, 3, HELLO.length - 3);
            assertThat(mask(s.getInputStream().readNBytes(83))).isEqualTo(TEMPLATE);
        }
    }

    @Test
    void closesOnSomethingThatIsNotAPseudoTlsHello() throws IOException {
        try (EmulatedEdge edge = EmulatedEdge.start(); Socket s = connect(edge)) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        byte[] noRc4 = HELLO.clone();
        noRc4[47] = 0x2f; // offer 0x002f instead of 0x0018
        try (EmulatedEdge edge = EmulatedEdge.start(); Socket s = connect(edge)) {
            s.getOutputStream().write(noRc4);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(edge.answered()).isZero();
        }
    }

    @Test
    void bindsSeveralLoopbackAliases() throws IOException {
        try (EmulatedEdge edge = EmulatedEdge.builder().bind("127.0.0.1", 0).bind("127.0.0.2", 0).start()) {
            assertThat(edge.addresses()).hasSize(2);
            assertThat(edge.addresses().get(1).host()).isEqualTo("127.0.0.2");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(edge.addresses().get(1).host(), edge.addresses().get(1).port()), 5000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(HELLO);
                assertThat(mask(s.getInputStream().readNBytes(83))).isEqualTo(TEMPLATE);
            }
        }
    }

    @Test
    void refusesNonLoopbackBindOnTheHost() {
        assertThatThrownBy(() -> EmulatedEdge.builder().bind("0.0.0.0", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
        assertThatThrownBy(() -> EmulatedEdge.builder().bind("192.0.2.1", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
        assertThatThrownBy(() -> EmulatedEdge.builder().bind("127.0.0.1", 70000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatorMatchesTheTemplateAndDetectsHellos() {
        byte[] built = PseudoTlsServerHello.build(new java.security.SecureRandom());
        assertThat(mask(built)).isEqualTo(TEMPLATE);
        assertThat(PseudoTlsServerHello.isPseudoTlsClientHello(HELLO)).isTrue();
        assertThat(PseudoTlsServerHello.isPseudoTlsClientHello(Arrays.copyOf(HELLO, 40))).isFalse();
        byte[] badSid = HELLO.clone();
        badSid[43] = (byte) 0xff;
        assertThat(PseudoTlsServerHello.isPseudoTlsClientHello(badSid)).isFalse();
    }

    static byte[] handshake(EmulatedEdge edge) throws IOException {
        try (Socket s = connect(edge)) {
            s.getOutputStream().write(HELLO);
            InputStream in = s.getInputStream();
            return in.readNBytes(83);
        }
    }

    static Socket connect(EmulatedEdge edge) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(edge.address().host(), edge.address().port()), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    /** libnice's server_handshake_valid: zero the random (11..42) and session id (44..75). */
    static byte[] mask(byte[] answer) {
        byte[] m = answer.clone();
        if (m.length == 83) {
            Arrays.fill(m, 11, 43, (byte) 0);
            Arrays.fill(m, 44, 76, (byte) 0);
        }
        return m;
    }
}
