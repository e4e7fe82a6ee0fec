package io.mediapath.ice.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.ice.probe.WirePayload.Direction;
import io.mediapath.ice.probe.WirePayload.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class WirePayloadTest {

    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.2", 443);

    @Test
    void keepsAPrivateCopyOfTheSlice() {
        byte[] src = {1, 2, 3, 4, 5};
        WirePayload p = WirePayload.of(Direction.SENT, Transport.TCP, LOCAL, REMOTE, src, 1, 3);
        src[1] = 99;
        byte[] out = p.bytes();
        out[0] = 77;
        assertThat(p.bytes()).containsExactly(2, 3, 4);
        assertThat(p.length()).isEqualTo(3);
        assertThat(p.truncated()).isFalse();
    }

    @Test
    void longReadsKeepTheirHeadAndTrueLength() {
        byte[] big = new byte[WirePayload.MAX_BYTES + 10];
        WirePayload p = WirePayload.of(Direction.RECEIVED, Transport.TCP, LOCAL, REMOTE, big, 0, big.length);
        assertThat(p.bytes()).hasSize(WirePayload.MAX_BYTES);
        assertThat(p.length()).isEqualTo(big.length);
        assertThat(p.truncated()).isTrue();
    }

    @Test
    void refusesALengthShorterThanTheBytes() {
        assertThatThrownBy(() -> new WirePayload(Direction.SENT, Transport.UDP, null, null, 1, new byte[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WirePayload.of(Direction.SENT, Transport.UDP, null, null, new byte[2], 1, 2))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalityIsByContent() {
        WirePayload a = WirePayload.of(Direction.SENT, Transport.UDP, LOCAL, REMOTE, new byte[] {1, 2}, 0, 2);
        WirePayload b = WirePayload.of(Direction.SENT, Transport.UDP, LOCAL, REMOTE, new byte[] {1, 2}, 0, 2);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(WirePayload.of(Direction.RECEIVED, Transport.UDP, LOCAL, REMOTE, new byte[] {1, 2}, 0, 2));
    }

    @Test
    void rebasingAnEventKeepsItsPayload() {
        WirePayload p = WirePayload.of(Direction.SENT, Transport.UDP, LOCAL, REMOTE, new byte[] {1}, 0, 1);
        TimelineEvent e = new TimelineEvent(5, "bytes.sent", "1 byte", p);
        assertThat(e.atOffset(9)).isEqualTo(new TimelineEvent(9, "bytes.sent", "1 byte", p));
        assertThat(new TimelineEvent(1, "resolve", "x").payload()).isEmpty();
    }
}
