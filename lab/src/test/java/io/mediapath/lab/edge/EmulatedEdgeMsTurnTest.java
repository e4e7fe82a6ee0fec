package io.mediapath.lab.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The edge's MS-TURN side, by raw bytes (turn-client's ITs exercise the full exchange). */
class EmulatedEdgeMsTurnTest {
    static final String ALLOCATE = "00030018" + "000102030405060708090a0b0c0d0e0f"
            + "000f000472c64bc6" + "8008000400000003" + "000d000400000258";

    @Test
    void udpAllocateWithoutCredentialsGetsA401WithSwappedRealmAndNonce() throws Exception {
        try (EmulatedEdge edge = EmulatedEdge.builder().msTurn("user", "pass").msTurnRealm("lab realm").start();
                DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(5000);
            byte[] req = HexFormat.of().parseHex(ALLOCATE);
            var udp = edge.udpAddress().orElseThrow();
            s.send(new DatagramPacket(req, req.length, InetAddress.getByName(udp.host()), udp.port()));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            s.receive(p);
            byte[] r = Arrays.copyOf(p.getData(), p.getLength());
            assertThat(HexFormat.of().formatHex(r, 0, 4)).isEqualTo("0113" + String.format("%04x", r.length - 20));
            assertThat(Arrays.copyOfRange(r, 4, 20)).isEqualTo(Arrays.copyOfRange(req, 4, 20));
            assertThat(HexFormat.of().formatHex(r, 20, 28)).isEqualTo("000f000472c64bc6");
            String hex = HexFormat.of().formatHex(r);
            assertThat(hex).contains("0015" + "0009" + HexFormat.of().formatHex("lab realm".getBytes()));
            assertThat(hex).contains("00090010" + "00000401"); // ERROR-CODE 401
            assertThat(edge.allocateRequests()).isEqualTo(1);
            assertThat(edge.usernamesSeen()).isZero();
        }
    }

    @Test
    void garbageAndRfcStunAreIgnored() throws Exception {
        EdgeTurnService svc = new EdgeTurnService("u", "p", "r", 3, new java.security.SecureRandom());
        InetSocketAddress c = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);
        assertThat(svc.answer(new byte[0], c)).isNull();
        assertThat(svc.answer(HexFormat.of().parseHex("000100002112a442000102030405060708090a0b"), c)).isNull();
        byte[] truncated = HexFormat.of().parseHex(ALLOCATE);
        truncated[27] ^= 1; // not the magic cookie
        assertThat(svc.answer(truncated, c)).isNull();
    }

    @Test
    void withoutMsTurnTheEdgeHasNoUdpListener() {
        try (EmulatedEdge edge = EmulatedEdge.start()) {
            assertThat(edge.udpAddress()).isEmpty();
        }
    }
}
