package io.mediapath.diagnose.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.probe.Deadline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the http leg's read may stop: the answer's own framing, not the deadline. Pure functions, no network. */
class HttpPageProbeTest {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesThatCannotStartHttpEndTheReadAtOnce() {
        // A TLS record header (what the seed's proxy sends to a plaintext GET).
        assertThat(HttpPageProbe.complete(new byte[] {0x16, 0x03, 0x03, 0x00, 0x31})).contains("not HTTP");
        assertThat(HttpPageProbe.complete(b("HTX"))).contains("not HTTP");
        assertThat(HttpPageProbe.complete(b("HTT"))).isEmpty();
    }

    @Test
    void contentLengthEndsTheReadWhenTheBodyIsIn() {
        String head = "HTTP/1.1 403 Forbidden\r\nServer: gw\r\nContent-Length: 5\r\n\r\n";
        assertThat(HttpPageProbe.complete(b(head))).isEmpty();
        assertThat(HttpPageProbe.complete(b(head + "abcd"))).isEmpty();
        assertThat(HttpPageProbe.complete(b(head + "abcde"))).contains("Content-Length 5 read");
        assertThat(HttpPageProbe.complete(b("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\nbody"))).isEmpty();
    }

    @Test
    void aChunkedBodyEndsAtItsLastChunk() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(HttpPageProbe.complete(b(head + "5\r\nhello\r\n"))).isEmpty();
        assertThat(HttpPageProbe.complete(b(head + "5\r\nhello\r\n0\r\n\r\n"))).contains("last chunk");
        assertThat(HttpPageProbe.complete(b(head + "0\r\n\r\n"))).contains("last chunk");
    }

    @Test
    void bodylessStatusesEndAtTheHead() {
        assertThat(HttpPageProbe.complete(b("HTTP/1.1 204 No Content\r\nVia: 1.1 proxy\r\n\r\n")))
                .contains("head of a 204 (no body)");
        assertThat(HttpPageProbe.complete(b("HTTP/1.1 304 Not Modified\r\n\r\n"))).contains("head of a 304 (no body)");
        // No framing: more may come until the peer closes or pauses.
        assertThat(HttpPageProbe.complete(b("HTTP/1.0 200 OK\r\nServer: x\r\n\r\n<html><head>"))).isEmpty();
    }

    @Test
    void theTitleIsEnough() {
        assertThat(HttpPageProbe.complete(b("HTTP/1.1 200 OK\r\n\r\n<html><title>Blocked</title>")))
                .contains("page read to its title");
    }

    @Test
    void waitsFollowTheProfileAndNeverPassTheDeadline() {
        HttpPageProbe.Waits w = new HttpPageProbe.Waits(Deadline.after(Duration.ofSeconds(30)),
                Duration.ofSeconds(2), Duration.ofMillis(800));
        assertThat(w.nextReadMillis()).isLessThanOrEqualTo(2_000L);
        assertThat(w.timeoutReason()).contains("no answer within 2000 ms");
        w.received();
        assertThat(w.nextReadMillis()).isEqualTo(800L);
        assertThat(w.timeoutReason()).contains("idle 800 ms");
        w.expectAnswer();
        assertThat(w.timeoutReason()).contains("no answer within 2000 ms");
        HttpPageProbe.Waits late = new HttpPageProbe.Waits(Deadline.after(Duration.ofMillis(50)),
                Duration.ofSeconds(2), Duration.ofMillis(800));
        late.received();
        assertThat(late.nextReadMillis()).isLessThanOrEqualTo(50L);
    }
}
