package io.mediapath.ice.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Receipt encoding, MAC verification, request tags, and the refusals a forger or replayer meets. */
class ReceiptTest {

    static final String SECRET = "correct horse battery staple 42";
    static final ReceiptToken TOKEN = ReceiptToken.fromText(SECRET + "\n");
    static final ReceiptToken OTHER = ReceiptToken.fromText("another token, shared with nobody");
    static final Instant T0 = Instant.parse("2026-12-03T16:00:00.123Z");

    static Receipt receipt(ReceiptRequest req, byte[] hello, InetSocketAddress source, Instant at) {
        return new Receipt(ReceiptTransport.TCP, ArrivalKind.TLS_CLIENT_HELLO, req.nonce(), at, source, hello.length,
                PathJudge.sha256(hello), Arrays.copyOf(hello, Math.min(hello.length, Receipt.MAX_SAMPLE)),
                Optional.of("relay.example.com"), List.of("h2", "http/1.1"));
    }

    static InetSocketAddress addr(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    @Test
    void roundTripsEveryFieldIpv4AndIpv6() throws Exception {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, T0);
        byte[] hello = "hello, responder".getBytes(StandardCharsets.US_ASCII);
        for (InetSocketAddress src : List.of(addr("192.0.2.7", 50123), addr("2001:db8::7", 443))) {
            Receipt r = receipt(req, hello, src, T0.plusMillis(5));
            byte[] wire = ReceiptCodec.encode(r, TOKEN);
            assertThat(wire.length).isBetween(ReceiptCodec.MIN_LENGTH, ReceiptCodec.MAX_LENGTH);
            Receipt back = ReceiptCodec.decode(wire, TOKEN);
            assertThat(back).isEqualTo(r);
            assertThat(back.sni()).contains("relay.example.com");
            assertThat(back.alpn()).containsExactly("h2", "http/1.1");
            assertThat(back.sourceText()).isEqualTo(src.getAddress() instanceof java.net.Inet6Address
                    ? "[2001:db8:0:0:0:0:0:7]:443" : "192.0.2.7:50123");
        }
    }

    @Test
    void everyFlippedBitIsAForgery() throws Exception {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, T0);
        byte[] wire = ReceiptCodec.encode(receipt(req, new byte[] {1, 2, 3}, addr("192.0.2.7", 1), T0), TOKEN);
        for (int i = 0; i < wire.length; i++) {
            byte[] bad = wire.clone();
            bad[i] ^= 0x01;
            assertThatThrownBy(() -> ReceiptCodec.decode(bad, TOKEN)).as("bit flipped at %d", i)
                    .isInstanceOf(ReceiptForgedException.class);
        }
    }

    @Test
    void wrongTokenIsRefusedAsForged() throws Exception {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, T0);
        byte[] forged = ReceiptCodec.encode(receipt(req, new byte[] {9}, addr("192.0.2.7", 1), T0), OTHER);
        ReceiptCheck c = ReceiptVerifier.of(TOKEN).check(forged, req, T0);
        assertThat(c).isInstanceOf(ReceiptCheck.Refused.class);
        assertThat(((ReceiptCheck.Refused) c).reason()).isEqualTo(ReceiptCheck.Reason.FORGED);
    }

    @Test
    void anotherConnectionsReceiptIsRefusedEvenThoughAuthentic() throws Exception {
        ReceiptRequest mine = ReceiptRequest.create(TOKEN, T0);
        ReceiptRequest theirs = ReceiptRequest.create(TOKEN, T0);
        byte[] replayed = ReceiptCodec.encode(receipt(theirs, new byte[] {9}, addr("192.0.2.7", 1), T0), TOKEN);
        ReceiptCheck c = ReceiptVerifier.of(TOKEN).check(replayed, mine, T0);
        assertThat(((ReceiptCheck.Refused) c).reason()).isEqualTo(ReceiptCheck.Reason.OTHER_NONCE);
    }

    @Test
    void oldTimestampOutsideTheWindowIsStale() throws Exception {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, T0);
        byte[] old = ReceiptCodec.encode(receipt(req, new byte[] {9}, addr("192.0.2.7", 1), T0.minusSeconds(600)), TOKEN);
        ReceiptCheck c = ReceiptVerifier.of(TOKEN, Duration.ofSeconds(60)).check(old, req, T0);
        assertThat(((ReceiptCheck.Refused) c).reason()).isEqualTo(ReceiptCheck.Reason.STALE);
        byte[] fresh = ReceiptCodec.encode(receipt(req, new byte[] {9}, addr("192.0.2.7", 1), T0.plusSeconds(30)), TOKEN);
        assertThat(ReceiptVerifier.of(TOKEN, Duration.ofSeconds(60)).check(fresh, req, T0).valid()).isTrue();
    }

    @Test
    void malformedInputIsATypedRefusalNeverAnotherException() {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, T0);
        for (byte[] junk : List.of(new byte[0], new byte[ReceiptCodec.MIN_LENGTH - 1], new byte[ReceiptCodec.MAX_LENGTH + 1],
                new byte[200])) {
            ReceiptCheck c = ReceiptVerifier.of(TOKEN).check(junk, req, T0);
            assertThat(c).isInstanceOf(ReceiptCheck.Refused.class);
        }
    }

    @Test
    void requestTagVerifiesOnlyWithTheTokenAndInsideTheWindow() {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, T0);
        assertThat(req.bytes()).hasSize(ReceiptRequest.LENGTH);
        assertThat(ReceiptRequest.accept(req.bytes(), TOKEN, T0.plusSeconds(1), Duration.ofSeconds(30)))
                .hasValueSatisfying(n -> assertThat(n).isEqualTo(req.nonce()));
        assertThat(ReceiptRequest.accept(req.bytes(), OTHER, T0, Duration.ofSeconds(30))).isEmpty();
        assertThat(ReceiptRequest.accept(req.bytes(), TOKEN, T0.plusSeconds(31), Duration.ofSeconds(30))).isEmpty();
        byte[] tampered = req.bytes();
        tampered[3] ^= 1;
        assertThat(ReceiptRequest.accept(tampered, TOKEN, T0, Duration.ofSeconds(30))).isEmpty();
        assertThat(ReceiptRequest.accept(new byte[5], TOKEN, T0, Duration.ofSeconds(30))).isEmpty();
        assertThat(req.createdAt()).isEqualTo(T0);
    }

    @Test
    void theModeIsInsideTheTagSoARequestRewrittenToTheOtherModeIsForged() {
        ReceiptRequest instead = ReceiptRequest.create(TOKEN, T0, ReceiptRequest.Mode.INSTEAD_OF_ANSWER);
        ReceiptRequest after = ReceiptRequest.create(TOKEN, T0);
        Duration w = Duration.ofSeconds(30);
        assertThat(instead.mode()).isEqualTo(ReceiptRequest.Mode.INSTEAD_OF_ANSWER);
        assertThat(after.mode()).isEqualTo(ReceiptRequest.Mode.AFTER_ANSWER);
        assertThat(ReceiptRequest.accept(instead.bytes(), TOKEN, T0, w, ReceiptRequest.Mode.INSTEAD_OF_ANSWER))
                .hasValueSatisfying(n -> assertThat(n).isEqualTo(instead.nonce()));
        assertThat(ReceiptRequest.accept(instead.bytes(), TOKEN, T0, w)).isEmpty();
        assertThat(ReceiptRequest.accept(after.bytes(), TOKEN, T0, w, ReceiptRequest.Mode.INSTEAD_OF_ANSWER)).isEmpty();
        assertThat(ReceiptRequest.accept(instead.bytes(), OTHER, T0, w, ReceiptRequest.Mode.INSTEAD_OF_ANSWER)).isEmpty();
        byte[] f = ReceiptFrames.request(instead);
        assertThat(Arrays.copyOf(f, 4)).isEqualTo(ReceiptFrames.INSTEAD_MAGIC);
        assertThat(ReceiptFrames.body(f, ReceiptFrames.INSTEAD_MAGIC)).isEqualTo(instead.bytes());
        assertThatThrownBy(() -> ReceiptFrames.frameLength(f, 0, f.length, ReceiptFrames.REQUEST_MAGIC))
                .isInstanceOf(ReceiptFormatException.class);
    }

    @Test
    void framesCarryBothAndRefuseOtherMagicsAndOversizedBodies() throws Exception {
        ReceiptRequest req = ReceiptRequest.create(TOKEN, T0);
        byte[] f = ReceiptFrames.request(req);
        assertThat(ReceiptFrames.frameLength(f, 0, 3, ReceiptFrames.REQUEST_MAGIC)).isEqualTo(-1);
        assertThat(ReceiptFrames.frameLength(f, 0, f.length, ReceiptFrames.REQUEST_MAGIC)).isEqualTo(38);
        assertThat(ReceiptFrames.body(f, ReceiptFrames.REQUEST_MAGIC)).isEqualTo(req.bytes());
        assertThatThrownBy(() -> ReceiptFrames.frameLength(f, 0, f.length, ReceiptFrames.RECEIPT_MAGIC))
                .isInstanceOf(ReceiptFormatException.class);
        byte[] huge = {(byte) 0xF5, 'M', 'P', 'R', (byte) 0xff, (byte) 0xff};
        assertThatThrownBy(() -> ReceiptFrames.frameLength(huge, 0, huge.length, ReceiptFrames.RECEIPT_MAGIC))
                .isInstanceOf(ReceiptFormatException.class);
    }

    @Test
    void theTokenNeverShowsItself() {
        assertThat(TOKEN.toString()).doesNotContain(SECRET).doesNotContain("horse");
        assertThat(ReceiptRequest.create(TOKEN, T0).toString()).doesNotContain("horse");
        assertThatThrownBy(() -> ReceiptToken.fromText("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
    }
}
