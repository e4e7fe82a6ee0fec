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
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The receipt in place of the answer: asked for with the token, every leg gets only the receipt (no Binding success,
 * no pseudo-TLS answer, no TLS handshake) and is reached; the default mode still gets the answer and then the
 * receipt; without a valid token the responder answers nothing beyond what a relay would (TCP: closed without a
 * word; UDP: the Binding success a relay gives, no receipt).
 */
class ResponderInsteadModeTest {

    private static final String SECRET = "instead-mode-token-0123456789abc";
    private static final ReceiptToken TOKEN = ReceiptToken.fromText(SECRET);
    private static final ReceiptToken OTHER = ReceiptToken.fromText("a token the responder does not hold");
    private LoopbackResponder loopback;
    private List<String> log;
    private Responder responder;

    @BeforeEach
    void start() {
        loopback = LoopbackResponder.start(TOKEN);
        responder = loopback.responder();
        log = loopback.log();
    }

    @AfterEach
    void stop() {
        loopback.close();
        assertThat(String.join("\n", log)).doesNotContain(SECRET);
    }

    private TransportAddress address(ProofLeg leg) {
        InetSocketAddress a = leg.udp() ? responder.udpAddresses().get(0) : responder.tcpAddresses().get(0);
        return new TransportAddress(a.getAddress().getHostAddress(), a.getPort());
    }

    private LegProof prove(ReceiptProbe probe) {
        return probe.prove(address(probe.leg()), Deadline.after(Duration.ofSeconds(10)));
    }

    @Test
    void everyLegGetsOnlyTheReceiptInPlaceOfTheAnswerAndIsReached() {
        for (ProofLeg leg : ProofLeg.values()) {
            ReceiptProbe probe = ReceiptProbe.of(leg, TOKEN, "responder.test").insteadOfAnswer();
            assertThat(probe.mode()).isEqualTo(ReceiptRequest.Mode.INSTEAD_OF_ANSWER);
            LegProof p = prove(probe);
            assertThat(p.conclusion()).as(leg + ": " + p.verdict().detail() + " / " + p.answer())
                    .isEqualTo(PathConclusion.REACHED);
            assertThat(p.answer()).as(leg.label()).isEqualTo("a receipt in place of the answer");
            ReceiptCheck.Valid v = (ReceiptCheck.Valid) p.verdict().check();
            assertThat(v.receipt().source().getPort()).isEqualTo(p.local().getPort());
            switch (leg) {
                case UDP, TCP -> assertThat(v.receipt().kind()).isEqualTo(ArrivalKind.STUN_BINDING);
                case PSEUDO_TLS -> assertThat(v.receipt().kind()).isEqualTo(ArrivalKind.PSEUDO_TLS_HELLO);
                case TLS -> {
                    assertThat(v.receipt().kind()).isEqualTo(ArrivalKind.TLS_CLIENT_HELLO);
                    assertThat(v.receipt().transport()).isEqualTo(ReceiptTransport.TLS);
                    assertThat(v.receipt().sni()).contains("responder.test");
                }
            }
        }
        assertThat(responder.stats().receipts()).isEqualTo(4);
        assertThat(log).filteredOn(l -> l.contains("answer=receipt-instead receipt=issued")).hasSize(4);
    }

    @Test
    void theDefaultModeStillGetsTheAnswerThenTheReceipt() {
        for (ProofLeg leg : ProofLeg.values()) {
            LegProof p = prove(ReceiptProbe.of(leg, TOKEN, "responder.test"));
            assertThat(p.conclusion()).as(leg + ": " + p.answer()).isEqualTo(PathConclusion.REACHED);
            assertThat(p.answer()).as(leg.label()).isNotEqualTo("a receipt in place of the answer");
        }
    }

    @Test
    void onTcpTheReceiptIsTheOnlyByteSentNoRelayAnswerFirst() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(responder.tcpAddresses().get(0), 5000);
            s.setSoTimeout(5000);
            ReceiptRequest req = ReceiptRequest.create(TOKEN, Instant.now(), ReceiptRequest.Mode.INSTEAD_OF_ANSWER);
            // the request and the hello in two writes, the hello itself split: the responder waits for the whole
            s.getOutputStream().write(ReceiptFrames.request(req));
            s.getOutputStream().flush();
            byte[] hello = PseudoTls.hello();
            s.getOutputStream().write(Arrays.copyOf(hello, 10));
            s.getOutputStream().flush();
            Thread.sleep(50);
            s.getOutputStream().write(Arrays.copyOfRange(hello, 10, hello.length));
            byte[] all = s.getInputStream().readAllBytes();
            assertThat(Arrays.copyOf(all, 4)).as("a receipt frame first, no pseudo-TLS answer")
                    .isEqualTo(ReceiptFrames.RECEIPT_MAGIC);
            assertThat(ReceiptFrames.frameLength(all, 0, all.length, ReceiptFrames.RECEIPT_MAGIC))
                    .as("nothing after the receipt").isEqualTo(all.length);
        }
    }

    @Test
    void withoutAValidTokenTcpIsClosedWithoutAWordAndUdpGetsOnlyWhatARelayGives() throws Exception {
        for (ProofLeg leg : List.of(ProofLeg.TCP, ProofLeg.PSEUDO_TLS, ProofLeg.TLS)) {
            LegProof p = prove(ReceiptProbe.of(leg, OTHER, "responder.test").insteadOfAnswer());
            assertThat(p.verdict().check()).as(leg.label()).isInstanceOf(ReceiptCheck.Absent.class);
            assertThat(p.answer()).as(leg.label()).contains("no answer");
        }
        // a request rewritten from the default mode to the instead magic is forged for the responder, too
        try (Socket s = new Socket()) {
            s.connect(responder.tcpAddresses().get(0), 5000);
            s.setSoTimeout(5000);
            byte[] f = ReceiptFrames.request(ReceiptRequest.create(TOKEN, Instant.now()));
            System.arraycopy(ReceiptFrames.INSTEAD_MAGIC, 0, f, 0, 4);
            s.getOutputStream().write(f);
            s.getOutputStream().write(PseudoTls.hello());
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        LegProof udp = prove(ReceiptProbe.of(ProofLeg.UDP, OTHER, null).insteadOfAnswer());
        assertThat(udp.answer()).isEqualTo("STUN Binding success");
        assertThat(udp.verdict().check()).isInstanceOf(ReceiptCheck.Absent.class);
        assertThat(responder.stats().receipts()).isZero();
        // the UDP arrival is logged just after its answer is sent
        long until = System.nanoTime() + 5_000_000_000L;
        while (log.stream().filter(l -> l.contains("receipt=refused")).count() < 5 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(log).filteredOn(l -> l.contains("receipt=refused")).hasSize(5);
    }

    @Test
    void aReplayedInsteadRequestOverUdpGetsTheRelayAnswerNotASecondReceipt() throws Exception {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, Instant.now(), ReceiptRequest.Mode.INSTEAD_OF_ANSWER);
        byte[] binding = new byte[200];
        binding[1] = 0x01;
        binding[3] = (byte) 180;
        binding[4] = 0x21;
        binding[5] = 0x12;
        binding[6] = (byte) 0xA4;
        binding[7] = 0x42;
        binding[19] = 7;
        binding[20] = (byte) 0xC0;
        binding[21] = (byte) 0xA2;
        binding[23] = 32;
        System.arraycopy(req.bytes(), 0, binding, 24, 32);
        binding[57] = 0x26; // PADDING over the rest
        binding[59] = (byte) (200 - 60);
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.connect(responder.udpAddresses().get(0));
            s.setSoTimeout(5000);
            byte[][] got = new byte[2][];
            for (int i = 0; i < 2; i++) {
                s.send(new DatagramPacket(binding, binding.length));
                DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
                s.receive(d);
                got[i] = Arrays.copyOf(d.getData(), d.getLength());
            }
            assertThat(Arrays.copyOf(got[0], 4)).isEqualTo(ReceiptFrames.RECEIPT_MAGIC);
            assertThat(got[1][0] << 8 | got[1][1] & 0xff).as("a Binding success, as a relay gives").isEqualTo(0x0101);
        }
    }
}
