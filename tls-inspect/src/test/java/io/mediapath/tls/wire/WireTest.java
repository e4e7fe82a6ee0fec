package io.mediapath.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.tls.HttpAnswer;
import io.mediapath.tls.ServerHello;
import java.nio.charset.StandardCharsets;
import io.mediapath.ice.wire.PseudoTls;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WireTest {

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void flightParserSplitsRecordsAcrossReadsAndReassemblesMessages() {
        byte[] a = PseudoTls.answer(new byte[32], new byte[32]);
        TlsFlightParser p = new TlsFlightParser();
        p.feed(Arrays.copyOfRange(a, 0, 3));
        p.feed(Arrays.copyOfRange(a, 3, 50));
        p.feed(Arrays.copyOfRange(a, 50, 83));
        assertThat(p.malformed()).isFalse();
        assertThat(p.records()).hasSize(1);
        assertThat(p.records().get(0).firstRead()).isZero();
        assertThat(p.records().get(0).lastRead()).isEqualTo(2);
        assertThat(p.messages()).extracting(HandshakeMessage::name).containsExactly("ServerHello", "ServerHelloDone");
        ServerHello sh = p.serverHellos().get(0);
        assertThat(sh.legacyVersion()).isEqualTo(0x0301);
        assertThat(sh.cipherSuite()).isEqualTo(0x0018);
        assertThat(sh.extensions()).isEmpty();
        assertThat(sh.helloRetryRequest()).isFalse();
    }

    @Test
    void serverHelloParsesExtensionsInOrderAndDetectsHrr() throws Exception {
        byte[] body = hex("03 03"
                + " cf 21 ad 74 e5 9a 61 11 be 1d 8c 02 1e 65 b8 91 c2 a2 11 16 7a bb 8c 5e 07 9e 09 e2 c8 a8 33 9c"
                + " 00 13 02 00"
                + " 00 0c 00 2b 00 02 03 04 00 33 00 02 00 17");
        ServerHello sh = ServerHelloParser.parse(body);
        assertThat(sh.helloRetryRequest()).isTrue();
        assertThat(sh.selectedVersion()).isEqualTo(0x0304);
        assertThat(sh.extensions()).containsExactly(43, 51);
        assertThat(sh.keyShareGroup()).isEqualTo(23);
        assertThat(sh.fingerprint()).isEqualTo("771,4866,43-51");

        byte[] alpn = hex("03 03" + " 01".repeat(32) + " 00 c0 2f 00 00 0e ff 01 00 01 00 00 10 00 05 00 03 02 68 32");
        ServerHello s2 = ServerHelloParser.parse(alpn);
        assertThat(s2.extensions()).containsExactly(65281, 16);
        assertThat(s2.alpn()).isEqualTo("h2");
    }

    @Test
    void alertAndMalformedInputAreReported() {
        TlsFlightParser p = new TlsFlightParser();
        p.feed(new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x46});
        assertThat(p.alerts()).singleElement().satisfies(a -> assertThat(a.descriptionName()).isEqualTo("protocol_version"));
        TlsFlightParser bad = new TlsFlightParser();
        bad.feed(new byte[] {0x16, 0x03, 0x01, (byte) 0xff, (byte) 0xff});
        assertThat(bad.error()).contains("record length");
        TlsFlightParser lies = new TlsFlightParser();
        lies.feed(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x02, 0x00, 0x00, 0x01, 0x03});
        assertThat(lies.error()).contains("truncated");
    }

    @Test
    void httpSnifferReadsStatusHeadersAndTitle() {
        String r = "HTTP/1.1 400 Bad Request\r\nServer: squid/5.7\r\nX-Squid-Error: ERR_PROTOCOL_UNKNOWN 0\r\n"
                + "Via: 1.1 proxy (squid/5.7)\r\nContent-Length: 40\r\n\r\n<html><TITLE>\n ERROR:  bad\n</TITLE></html>";
        byte[] b = r.getBytes(StandardCharsets.US_ASCII);
        HttpAnswer a = HttpSniffer.parse(b).orElseThrow();
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.header("server")).contains("squid/5.7");
        assertThat(a.header("VIA")).contains("1.1 proxy (squid/5.7)");
        assertThat(a.title()).isEqualTo("ERROR: bad");
        assertThat(a.complete()).isTrue();
        assertThat(HttpSniffer.complete(b)).isTrue();
        assertThat(HttpSniffer.complete(Arrays.copyOf(b, b.length - 5))).isFalse();
        assertThat(HttpSniffer.parse("HTTX/1.1".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }
}
