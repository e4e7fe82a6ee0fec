package io.mediapath.turn.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConnectResponseTest {

    static java.util.Optional<ConnectResponse> parse(String s) throws ConnectResponse.Malformed {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return ConnectResponse.parse(b, b.length);
    }

    @Test
    void squids407WithItsChallenge() throws Exception {
        String answer = "HTTP/1.1 407 Proxy Authentication Required\r\nServer: squid/5.7\r\n"
                + "Proxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 3\r\n\r\nabc";
        ConnectResponse r = parse(answer).orElseThrow();
        assertThat(r.status()).isEqualTo(407);
        assertThat(r.established()).isFalse();
        assertThat(r.reason()).isEqualTo("Proxy Authentication Required");
        assertThat(r.header("proxy-authenticate")).hasValue("Basic realm=\"corp\"");
        assertThat(r.header("server")).hasValue("squid/5.7");
        assertThat(r.headLength()).as("the body is not part of the head").isEqualTo(answer.length() - 3);
    }

    @Test
    void a200OpensTheTunnelAndTheHeadEndsAtTheEmptyLine() throws Exception {
        ConnectResponse r = parse("HTTP/1.1 200 Connection established\r\n\r\nSTUN").orElseThrow();
        assertThat(r.established()).isTrue();
        assertThat(r.headLength()).isEqualTo(39);
        assertThat(parse("HTTP/1.0 200\n\n").orElseThrow().reason()).isEmpty();
    }

    @Test
    void anIncompleteHeadWaits() throws Exception {
        assertThat(parse("HTTP/1.1 200 Connection est")).isEmpty();
        assertThat(parse("HTT")).isEmpty();
    }

    @Test
    void whatIsNotHttpIsMalformedAtOnce() {
        assertThatThrownBy(() -> parse("\u0015\u0003\u0001\u0000\u0002")).isInstanceOf(ConnectResponse.Malformed.class)
                .hasMessageContaining("not an HTTP answer");
        assertThatThrownBy(() -> parse("HTTP/2 200\r\n\r\n")).isInstanceOf(ConnectResponse.Malformed.class);
        assertThatThrownBy(() -> parse("HTTP/1.1 200 OK\r\nno colon\r\n\r\n"))
                .isInstanceOf(ConnectResponse.Malformed.class);
    }

    @Test
    void anEndlessHeadIsRefusedAtTheBound() {
        byte[] b = new byte[ConnectResponse.MAX_HEAD];
        Arrays.fill(b, (byte) 'a');
        System.arraycopy("HTTP/1.1 200 OK\r\nX: ".getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 20);
        assertThatThrownBy(() -> ConnectResponse.parse(b, b.length)).isInstanceOf(ConnectResponse.Malformed.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void controlCharactersNeverReachAMessage() throws Exception {
        ConnectResponse r = parse("HTTP/1.1 403 Bad\u001b[31m\r\nVia: 1.1 x\u0007\r\n\r\n").orElseThrow();
        assertThat(r.reason()).isEqualTo("Bad.[31m");
        assertThat(r.header("Via")).hasValue("1.1 x.");
    }
}
