package io.mediapath.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.receipt.ArrivalKind;
import io.mediapath.ice.receipt.ReceiptCheck;
import io.mediapath.ice.receipt.ReceiptFrames;
import io.mediapath.ice.receipt.ReceiptRequest;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.ice.receipt.ReceiptTransport;
import io.mediapath.ice.receipt.ReceiptVerifier;
import io.mediapath.ice.wire.PseudoTls;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The responder goes on as a relay would after its first answer, so a relay client's normal exchange works against
 * it: after the pseudo-TLS answer a framed MS-TURN Allocate gets the MS-TURN 401 in an [MS-TURN] 2.1.4 frame; inside
 * TLS a STUN Binding gets its success and a TURN Allocate the 401; a receipt request may still follow and covers the
 * first message. The client side is written here byte by byte from the specifications (the real clients run
 * against the responder in diagnose's {@code EdgePlaybookAgainstResponderIT}).
 */
class ResponderRelayDialogueTest {

    private static final ReceiptToken TOKEN = ReceiptToken.fromText("relay-dialogue-token-0123456789");
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
    }

    /** An MS-TURN Allocate: 16-byte transaction id, MAGIC-COOKIE then MS-VERSION 3 ([MS-TURN] 2.2.2). */
    static byte[] msAllocate(byte txLast) {
        byte[] m = new byte[20 + 16];
        m[1] = 0x03;
        m[3] = 16;
        for (int i = 4; i < 20; i++) {
            m[i] = (byte) i;
        }
        m[19] = txLast;
        byte[] attrs = {0x00, 0x0f, 0x00, 0x04, 0x72, (byte) 0xc6, 0x4b, (byte) 0xc6, (byte) 0x80, 0x08, 0, 4, 0, 0, 0, 3};
        System.arraycopy(attrs, 0, m, 20, attrs.length);
        return m;
    }

    static byte[] frame(byte[] msg) {
        byte[] f = new byte[4 + msg.length];
        f[0] = 0x02;
        f[2] = (byte) (msg.length >>> 8);
        f[3] = (byte) msg.length;
        System.arraycopy(msg, 0, f, 4, msg.length);
        return f;
    }

    /** An RFC 8489 request of {@code type} with a REQUESTED-TRANSPORT for an Allocate. */
    static byte[] stun(int type) {
        byte[] m = new byte[type == 0x0003 ? 28 : 20];
        m[1] = (byte) type;
        m[3] = (byte) (m.length - 20);
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xA4;
        m[7] = 0x42;
        for (int i = 8; i < 20; i++) {
            m[i] = (byte) (i * 7);
        }
        if (type == 0x0003) {
            byte[] rt = {0, 0x19, 0, 4, 17, 0, 0, 0};
            System.arraycopy(rt, 0, m, 20, 8);
        }
        return m;
    }

    static byte[] readStun(DataInputStream in) throws Exception {
        byte[] head = new byte[20];
        in.readFully(head);
        byte[] msg = Arrays.copyOf(head, 20 + (((head[2] & 0xff) << 8) | (head[3] & 0xff)));
        in.readFully(msg, 20, msg.length - 20);
        return msg;
    }

    static int type(byte[] msg) {
        return ((msg[0] & 0xff) << 8) | (msg[1] & 0xff);
    }

    static byte[] readReceipt(DataInputStream in) throws Exception {
        byte[] head = new byte[ReceiptFrames.HEADER_LENGTH];
        in.readFully(head);
        int total = ReceiptFrames.frameLength(head, 0, head.length, ReceiptFrames.RECEIPT_MAGIC);
        byte[] body = new byte[total - ReceiptFrames.HEADER_LENGTH];
        in.readFully(body);
        return body;
    }

    @Test
    void afterThePseudoTlsAnswerAFramedMsTurnAllocateGetsTheMsTurn401ThenAReceipt() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(responder.tcpAddresses().get(0), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(PseudoTls.hello());
            byte[] answer = in.readNBytes(PseudoTls.ANSWER_LENGTH);
            assertThat(PseudoTls.matches(answer)).isTrue();
            for (byte tx = 1; tx <= 2; tx++) { // the first Allocate, then the one a client sends with credentials
                out.write(frame(msAllocate(tx)));
                byte[] fh = new byte[4];
                in.readFully(fh);
                assertThat(fh[0]).as("control frame").isEqualTo((byte) 0x02);
                byte[] msg = new byte[((fh[2] & 0xff) << 8) | (fh[3] & 0xff)];
                in.readFully(msg);
                assertThat(type(msg)).isEqualTo(0x0113);
                assertThat(Arrays.copyOfRange(msg, 4, 20)).as("the MS-TURN 16-byte transaction id")
                        .isEqualTo(Arrays.copyOfRange(msAllocate(tx), 4, 20));
                assertThat(Arrays.copyOfRange(msg, 20, 28)).as("MAGIC-COOKIE first").containsExactly(0x00, 0x0f,
                        0x00, 0x04, 0x72, (byte) 0xc6, 0x4b, (byte) 0xc6);
            }
            ReceiptRequest req = ReceiptRequest.create(TOKEN, Instant.now());
            out.write(ReceiptFrames.request(req));
            ReceiptCheck check = ReceiptVerifier.of(TOKEN).check(readReceipt(in), req, Instant.now());
            assertThat(check).isInstanceOf(ReceiptCheck.Valid.class);
            assertThat(((ReceiptCheck.Valid) check).receipt().kind()).isEqualTo(ArrivalKind.PSEUDO_TLS_HELLO);
            assertThat(((ReceiptCheck.Valid) check).receipt().byteCount()).isEqualTo(PseudoTls.HELLO_LENGTH);
        }
        assertThat(responder.stats().receipts()).isEqualTo(1);
    }

    @Test
    void anUnframedOrNonAllocateMessageAfterThePseudoTlsAnswerGetsNothing() throws Exception {
        for (byte[] after : List.of(msAllocate((byte) 9), stun(0x0001), new byte[] {0x03, 0, 0, 4, 1, 2, 3, 4})) {
            try (Socket s = new Socket()) {
                s.connect(responder.tcpAddresses().get(0), 5000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(PseudoTls.hello());
                assertThat(s.getInputStream().readNBytes(PseudoTls.ANSWER_LENGTH)).hasSize(PseudoTls.ANSWER_LENGTH);
                s.getOutputStream().write(after);
                assertThat(s.getInputStream().read()).as("closed without a word").isEqualTo(-1);
            }
        }
    }

    @Test
    void insideTlsABindingGetsItsSuccessAndAnAllocateThe401() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new AcceptAny()}, null);
        InetSocketAddress a = responder.tcpAddresses().get(0);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(a.getAddress(), a.getPort())) {
            s.setSoTimeout(5000);
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(stun(0x0001));
            byte[] success = readStun(in);
            assertThat(type(success)).isEqualTo(0x0101);
            assertThat(Arrays.copyOfRange(success, 8, 20)).isEqualTo(Arrays.copyOfRange(stun(0x0001), 8, 20));
            out.write(stun(0x0003));
            byte[] challenge = readStun(in);
            assertThat(type(challenge)).isEqualTo(0x0113);
            assertThat(new String(challenge, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Unauthorized");
            ReceiptRequest req = ReceiptRequest.create(TOKEN, Instant.now());
            out.write(ReceiptFrames.request(req));
            ReceiptCheck check = ReceiptVerifier.of(TOKEN).check(readReceipt(in), req, Instant.now());
            assertThat(check).isInstanceOf(ReceiptCheck.Valid.class);
            assertThat(((ReceiptCheck.Valid) check).receipt().transport()).isEqualTo(ReceiptTransport.TLS);
        }
        assertThat(log).anySatisfy(l -> assertThat(l).contains("answer=tls+binding-success+401"));
    }

    @Test
    void aRelayClientCannotKeepAConnectionAnsweringForever() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(responder.tcpAddresses().get(0), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            int answered = 0;
            for (int i = 0; i < 1 + 20; i++) {
                out.write(stun(0x0001));
            }
            out.flush();
            DataInputStream d = new DataInputStream(in);
            try {
                while (true) {
                    readStun(d);
                    answered++;
                }
            } catch (java.io.EOFException | java.net.SocketException closed) {
                // the responder closed after its cap
            }
            assertThat(answered).isEqualTo(1 + 8);
        }
    }

    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
