package io.mediapath.ice.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 11 item 5: what answered instead of STUN or the pseudo-TLS answer is named the same way for both. */
class UnexpectedBytesTest {

    static String describe(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return UnexpectedBytes.describe(b, b.length);
    }

    @Test
    void anHttpAnswerIsNamedByItsStatusLine() {
        assertThat(describe("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n"))
                .isEqualTo("an HTTP response \"HTTP/1.1 407 Proxy Authentication Required\": a web proxy demands "
                        + "authentication");
        assertThat(describe("HTTP/1.0 302 Found\r\nLocation: http://portal\r\n\r\n"))
                .contains("\"HTTP/1.0 302 Found\"").contains("a web proxy or web server answered");
    }

    @Test
    void controlBytesInAStatusLineAreNotPrinted() {
        assertThat(describe("HTTP/1.1 200 \u001b]0;owned\u0007 OK\r\n")).doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void tlsAndOtherBytesAreNamedByTheirFirstBytes() {
        assertThat(UnexpectedBytes.describe(new byte[] {0x15, 3, 3, 0, 2, 2, 40}, 7))
                .isEqualTo("a TLS alert (level 2, description 40)");
        assertThat(UnexpectedBytes.describe(new byte[] {0x16, 3, 1}, 3)).isEqualTo("a TLS handshake record");
        // Two bytes of "HT" are not yet an HTTP answer: the framer waits for the status line before describing.
        assertThat(UnexpectedBytes.describe(new byte[] {0x48, 0x54}, 2)).isEqualTo("unexpected bytes starting 0x48 0x54");
        assertThat(UnexpectedBytes.mayBeHttp(new byte[] {0x48, 0x54}, 2)).isTrue();
        assertThat(UnexpectedBytes.statusLineComplete("HTTP/1.1 4".getBytes(StandardCharsets.US_ASCII), 10)).isFalse();
        assertThat(UnexpectedBytes.describe(new byte[] {0x17, 0x03}, 2)).isEqualTo("unexpected bytes starting 0x17 0x03");
        assertThat(UnexpectedBytes.describe(new byte[0], 0)).isEqualTo("no bytes");
    }
}
