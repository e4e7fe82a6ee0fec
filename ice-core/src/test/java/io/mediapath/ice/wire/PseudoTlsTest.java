package io.mediapath.ice.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PseudoTlsTest {

    // Transcribed from libnice socket/pseudossl.c (NICE_PSEUDOSSL_SOCKET_COMPATIBILITY_MSOC): SSL_CLIENT_MSOC_HANDSHAKE.
    private static final String MSOC_CLIENT_HELLO = "16 03 01 00 2d 01 00 00 29 03 01 c1 fc d5 a3 6d 93 dd 7e 0b 45 67"
            + " 3f ec 79 85 fb bc 3f d6 60 c2 ce 84 85 08 1b 81 21 bc aa 10 fb 00 00 02 00 18 01 00";
    // SSL_SERVER_MSOC_HANDSHAKE with the bytes server_handshake_valid ignores (random 11..42, session id 44..75) zeroed.
    private static final String MSOC_SERVER_TEMPLATE = "16 03 01 00 4e 02 00 00 46 03 01"
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + " 20"
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + " 00 18 00 0e 00 00 00";
    // SSL_SERVER_GOOGLE_HANDSHAKE: the Google Talk relay's fixed reply, a different protocol that must not pass.
    private static final String GOOGLE_SERVER_HELLO = "16 03 01 00 4a 02 00 00 46 03 01 42 85 45 a7 27 a9 5d a0 b3 c5"
            + " e7 53 da 48 2b 3f c6 5a ca 89 c1 58 52 a1 78 3c 5b 17 46 00 85 3f 20 0e d3 06 72 5b 5b 1b 5f 15 ac 13"
            + " f9 88 53 9d 9b e8 3d 7b 0c 30 32 6e 38 4d a2 75 57 41 6c 34 5c 00 04 00";

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void helloAndTemplateAreTheLibniceBytes() {
        assertThat(PseudoTls.hello()).isEqualTo(hex(MSOC_CLIENT_HELLO)).hasSize(PseudoTls.HELLO_LENGTH);
        assertThat(PseudoTls.template()).isEqualTo(hex(MSOC_SERVER_TEMPLATE)).hasSize(PseudoTls.ANSWER_LENGTH);
        // copies: a caller cannot change what the next caller sends
        PseudoTls.hello()[0] = 0;
        assertThat(PseudoTls.hello()[0]).isEqualTo((byte) 0x16);
    }

    @Test
    void matcherMasksOnlyRandomAndSessionId() {
        byte[] rnd = new byte[32];
        Arrays.fill(rnd, (byte) 0x5a);
        byte[] a = PseudoTls.answer(rnd, rnd);
        assertThat(PseudoTls.matches(a)).isTrue();
        assertThat(PseudoTls.matches(hex(MSOC_SERVER_TEMPLATE))).isTrue();
        assertThat(PseudoTls.matches(Arrays.copyOf(a, 84))).isFalse();
        assertThat(PseudoTls.matches(Arrays.copyOf(a, 82))).isFalse();
        for (int i : new int[] {0, 2, 10, 43, 76, 77, 79, 82}) {
            byte[] b = a.clone();
            b[i] ^= 1;
            assertThat(PseudoTls.matches(b)).as("offset " + i).isFalse();
            assertThat(PseudoTls.firstMismatch(b, b.length)).as("offset " + i).isEqualTo(i);
        }
        byte[] c = a.clone();
        c[11] ^= 1;
        c[42] ^= 1;
        c[44] ^= 1;
        c[75] ^= 1;
        assertThat(PseudoTls.matches(c)).isTrue();
        assertThat(PseudoTls.matches(hex(GOOGLE_SERVER_HELLO))).isFalse();
        assertThat(PseudoTls.firstMismatch(hex(GOOGLE_SERVER_HELLO), 79)).isEqualTo(4);
    }

    @Test
    void firstMismatchReadsAnAnswerAsItArrives() {
        byte[] a = PseudoTls.answer(new byte[32], new byte[32]);
        // a prefix fits: the rest may still come
        assertThat(PseudoTls.firstMismatch(a, 40)).isEqualTo(-1);
        assertThat(PseudoTls.isGenuinePrefix(Arrays.copyOf(a, 40))).isTrue();
        assertThat(PseudoTls.isGenuinePrefix(new byte[0])).isTrue();
        assertThat(PseudoTls.isGenuinePrefix(a)).isFalse();
        // a byte after the answer never fits
        byte[] longer = Arrays.copyOf(a, 90);
        assertThat(PseudoTls.firstMismatch(longer, longer.length)).isEqualTo(PseudoTls.ANSWER_LENGTH);
        assertThat(PseudoTls.firstMismatch(longer, PseudoTls.ANSWER_LENGTH)).isEqualTo(-1);
        assertThatThrownBy(() -> PseudoTls.firstMismatch(a, 84)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void describeNamesWhatAnsweredInstead() {
        byte[] alert = hex("15 03 01 00 02 02 28");
        assertThat(PseudoTls.firstMismatch(alert, alert.length)).isZero();
        assertThat(PseudoTls.describe(alert, alert.length)).contains("alert").contains("40");
        byte[] http = "HTTP/1.1 407 Proxy Authentication Required\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(PseudoTls.describe(http, http.length)).contains("web proxy");
        assertThat(PseudoTls.describe(hex(GOOGLE_SERVER_HELLO), 79)).contains("real TLS ServerHello");
        assertThat(PseudoTls.describe(new byte[0], 0)).isEqualTo("no bytes");
    }

    @Test
    void answerTakesExactly32ByteFields() {
        assertThatThrownBy(() -> PseudoTls.answer(new byte[31], new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bigEndianReadsAndWrites() {
        byte[] b = new byte[8];
        BigEndian.put32(b, 0, 0xdeadbeef);
        BigEndian.put16(b, 4, 0xcafe);
        assertThat(BigEndian.u32(b, 0)).isEqualTo(0xdeadbeef);
        assertThat(BigEndian.u16(b, 4)).isEqualTo(0xcafe);
        assertThat(BigEndian.u24(b, 1)).isEqualTo(0xadbeef);
        assertThat(BigEndian.u16(b, 0)).isEqualTo(0xdead);
    }
}
