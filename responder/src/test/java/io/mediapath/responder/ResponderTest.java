package io.mediapath.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.receipt.ArrivalKind;
import io.mediapath.ice.receipt.PathConclusion;
import io.mediapath.ice.receipt.ReceiptCheck;
import io.mediapath.ice.receipt.ReceiptFrames;
import io.mediapath.ice.receipt.ReceiptRequest;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.ice.receipt.ReceiptTransport;
import io.mediapath.ice.wire.PseudoTls;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The responder and the near end's probe on loopback (ephemeral ports): every leg reaches it with a valid receipt;
 * a wrong token gets only what a relay would give; UDP never amplifies; the token never appears in the log.
 */
class ResponderTest {

    private static final String SECRET = "s3cret-token-for-the-responder-test";
    private static final ReceiptToken TOKEN = ReceiptToken.fromText(SECRET);
    private LoopbackResponder loopback;
    private List<String> log;
    private Responder responder;

    @BeforeEach
    void start() throws Exception {
        loopback = LoopbackResponder.start(TOKEN);
        responder = loopback.responder();
        log = loopback.log();
    }

    @AfterEach
    void stop() {
        loopback.close();
        assertThat(String.join("\n", log)).doesNotContain(SECRET);
    }

    private TransportAddress udp() {
        InetSocketAddress a = responder.udpAddresses().get(0);
        return new TransportAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    private TransportAddress tcp() {
        InetSocketAddress a = responder.tcpAddresses().get(0);
        return new TransportAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    private LegProof prove(ProofLeg leg, ReceiptToken token) {
        return ReceiptProbe.of(leg, token, "responder.test").prove(leg.udp() ? udp() : tcp(),
                Deadline.after(Duration.ofSeconds(10)));
    }

    @Test
    void everyLegReachesWithAValidReceipt() {
        for (ProofLeg leg : ProofLeg.values()) {
            LegProof p = prove(leg, TOKEN);
            assertThat(p.conclusion()).as(leg + ": " + p.verdict().detail() + " / " + p.answer())
                    .isEqualTo(PathConclusion.REACHED);
            ReceiptCheck.Valid v = (ReceiptCheck.Valid) p.verdict().check();
            assertThat(v.receipt().source().getPort()).isEqualTo(p.local().getPort());
            switch (leg) {
                case UDP -> assertThat(v.receipt().kind()).isEqualTo(ArrivalKind.STUN_BINDING);
                case TCP -> assertThat(v.receipt().kind()).isEqualTo(ArrivalKind.STUN_BINDING);
                case PSEUDO_TLS -> assertThat(p.answer()).contains("genuine 83-byte");
                case TLS -> {
                    assertThat(v.receipt().transport()).isEqualTo(ReceiptTransport.TLS);
                    assertThat(v.receipt().sni()).contains("responder.test");
                    assertThat(p.answer()).contains("CN=responder.test");
                }
            }
        }
        assertThat(responder.stats().receipts()).isEqualTo(4);
        assertThat(log).anySatisfy(l -> assertThat(l).contains("tls-client-hello").contains("sni=responder.test")
                .contains("receipt=issued"));
    }

    @Test
    void aWrongTokenGetsTheRelayAnswerButNoReceipt() {
        ReceiptToken other = ReceiptToken.fromText("a token the responder does not hold");
        for (ProofLeg leg : ProofLeg.values()) {
            LegProof p = prove(leg, other);
            assertThat(p.conclusion()).as(leg + ": " + p.answer()).isEqualTo(PathConclusion.INTERCEPTED);
            assertThat(p.verdict().check()).isInstanceOf(ReceiptCheck.Absent.class);
        }
        assertThat(responder.stats().receipts()).isZero();
        assertThat(responder.stats().answers()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aReplayedRequestGetsNoSecondReceipt() throws Exception {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, Instant.now());
        assertThat(bareRequest(req)).isGreaterThan(0);
        assertThat(bareRequest(req)).isEqualTo(-1); // closed without a word
    }

    private int bareRequest(ReceiptRequest req) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(responder.tcpAddresses().get(0), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(ReceiptFrames.request(req));
            InputStream in = s.getInputStream();
            byte[] b = in.readNBytes(6);
            return b.length == 6 ? b.length : -1;
        }
    }

    @Test
    void udpNeverSendsASourceMoreBytesThanItSent() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.connect(responder.udpAddresses().get(0));
            s.setSoTimeout(700);
            byte[] binding = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            long in = 0;
            long out = 0;
            for (int i = 0; i < 4; i++) {
                s.send(new DatagramPacket(binding, binding.length));
                in += binding.length;
                try {
                    DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
                    s.receive(d);
                    out += d.getLength();
                } catch (java.net.SocketTimeoutException silent) {
                    // no room in the budget for a 32-byte answer to a 20-byte request yet
                }
                assertThat(out).isLessThanOrEqualTo(in);
            }
            assertThat(out).as("answers once the budget allows").isGreaterThan(0);
            // an Allocate's 401 is bigger than the request: it waits for budget too, and never exceeds it
            byte[] alloc = {0, 3, 0, 8, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13,
                0, 0x19, 0, 4, 17, 0, 0, 0};
            for (int i = 0; i < 6; i++) {
                s.send(new DatagramPacket(alloc, alloc.length));
                in += alloc.length;
                try {
                    DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
                    s.receive(d);
                    out += d.getLength();
                    assertThat(d.getData()[0] << 8 | d.getData()[1] & 0xff).isEqualTo(0x0113);
                } catch (java.net.SocketTimeoutException silent) {
                    // budget
                }
                assertThat(out).isLessThanOrEqualTo(in);
            }
        }
        assertThat(responder.stats().udpBytesOut()).isLessThanOrEqualTo(responder.stats().udpBytesIn());
    }

    @Test
    void anHttpRequestOrGarbageIsClosedWithoutAWord() throws Exception {
        for (byte[] first : List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(), new byte[] {(byte) 0x99, 1, 2, 3})) {
            try (Socket s = new Socket()) {
                s.connect(responder.tcpAddresses().get(0), 5000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(first);
                assertThat(s.getInputStream().read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void thePseudoTlsAnswerIsGenuineWithoutAnyToken() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(responder.tcpAddresses().get(0), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(PseudoTls.hello());
            byte[] a = s.getInputStream().readNBytes(PseudoTls.ANSWER_LENGTH);
            assertThat(PseudoTls.matches(a)).isTrue();
        }
    }
}
