package io.mediapath.turn.msturn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.testing.TestData;
import io.mediapath.turn.stun.StunDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The MS-TURN codec against the transcribed vectors (MS-TURN Allocate beside this test, pseudo-TLS in test-support). */
class MsTurnMessageTest {
    static final byte[] TXID = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    @Test
    void v3Sha256VectorVerifiesAndReSignsToTheSameBytes() {
        byte[] vector = TestData.hex("io/mediapath/turn/msturn/msturn-allocate-v3-sha256-integrity.hex");
        MsTurnMessage m = MsTurnMessage.decode(vector);
        assertThat(m.type()).isEqualTo(MsTurnMessage.ALLOCATE_REQUEST);
        assertThat(m.transactionId()).isEqualTo(TXID);
        assertThat(m.hasMagicCookie()).isTrue();
        MsIntegrityKey key = MsIntegrityKey.derive(IntegrityRegime.HMAC_SHA256, "user", "realm", "nonce", "pass");
        assertThat(m.checkIntegrity(key)).isTrue();
        MsTurnMessage resigned = m.toBuilder().remove(MsAttributeType.MESSAGE_INTEGRITY).build(key);
        assertThat(resigned.toBytes()).isEqualTo(vector);
        assertThat(m.toBytes()).isEqualTo(vector);
    }

    @Test
    void oneBitFlipFailsIntegrity() {
        byte[] vector = TestData.hex("io/mediapath/turn/msturn/msturn-allocate-v3-sha256-integrity.hex");
        MsIntegrityKey key = MsIntegrityKey.derive(IntegrityRegime.HMAC_SHA256, "user", "realm", "nonce", "pass");
        for (int bit = 0; bit < vector.length * 8; bit += 7) {
            byte[] flipped = vector.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            boolean ok;
            try {
                ok = MsTurnMessage.decode(flipped).checkIntegrity(key);
            } catch (StunDecodeException e) {
                ok = false; // a flip in the length fields breaks the structure instead
            }
            assertThat(ok).as("bit %d", bit).isFalse();
        }
        assertThat(MsTurnMessage.decode(vector).checkIntegrity(
                MsIntegrityKey.derive(IntegrityRegime.HMAC_SHA256, "user", "realm", "nonce", "pasS"))).isFalse();
        // The other regime's key never verifies a 32-byte MAC.
        assertThat(MsTurnMessage.decode(vector).checkIntegrity(
                MsIntegrityKey.derive(IntegrityRegime.HMAC_SHA1, "user", "realm", "nonce", "pass"))).isFalse();
    }

    @Test
    void sha1RegimeSignsAndVerifies() {
        MsIntegrityKey key = MsIntegrityKey.derive(IntegrityRegime.HMAC_SHA1, "user", "realm", "nonce", "pass");
        MsTurnMessage m = MsTurnMessage.builder(MsTurnMessage.ALLOCATE_REQUEST).transactionId(TXID)
                .add(MsAttributes.magicCookie(), MsAttributes.msVersion(1), MsAttributes.username("user"),
                        MsAttributes.realm("realm"), MsAttributes.nonce("nonce"))
                .build(key);
        byte[] b = m.toBytes();
        assertThat(b.length - 20 - 24).isEqualTo(8 + 8 + 8 + 12 + 12);
        assertThat(MsTurnMessage.decode(b).attribute(MsAttributeType.MESSAGE_INTEGRITY).orElseThrow().value())
                .hasSize(20);
        assertThat(MsTurnMessage.decode(b).checkIntegrity(key)).isTrue();
        b[b.length - 1] ^= 1;
        assertThat(MsTurnMessage.decode(b).checkIntegrity(key)).isFalse();
    }

    @Test
    void attributesAfterMessageIntegrityAreListedButNeverRead() throws Exception {
        MsIntegrityKey key = MsIntegrityKey.derive(IntegrityRegime.HMAC_SHA256, "user", "realm", "nonce", "pass");
        MsTurnMessage signed = MsTurnMessage.builder(MsTurnMessage.ALLOCATE_RESPONSE).transactionId(TXID)
                .add(MsAttributes.magicCookie(), MsAttributes.lifetime(600)).build(key);
        // Someone on the path appends a relay address and a longer lifetime after the MAC.
        InetSocketAddress forged = new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 3478);
        MsTurnMessage appended = MsTurnMessage.builder(MsTurnMessage.ALLOCATE_RESPONSE).transactionId(TXID)
                .add(MsAttributes.mappedAddress(forged), MsAttributes.lifetime(86_400)).build();
        byte[] s = signed.toBytes();
        byte[] extra = java.util.Arrays.copyOfRange(appended.toBytes(), 20, appended.length());
        byte[] wire = java.util.Arrays.copyOf(s, s.length + extra.length);
        System.arraycopy(extra, 0, wire, s.length, extra.length);
        int len = wire.length - 20;
        wire[2] = (byte) (len >>> 8);
        wire[3] = (byte) len;

        MsTurnMessage m = MsTurnMessage.decode(wire);
        assertThat(m.checkIntegrity(key)).as("the MAC covers what precedes it").isTrue();
        assertThat(m.attributes()).hasSize(5);
        assertThat(m.mappedAddress()).isEmpty();
        assertThat(m.lifetime()).hasValue(600);
        assertThat(m.attribute(MsAttributeType.MESSAGE_INTEGRITY)).isPresent();
    }

    @Test
    void realmAndNonceAreSwappedAgainstRfc() {
        MsTurnMessage m = MsTurnMessage.builder(MsTurnMessage.ALLOCATE_ERROR)
                .add(MsAttributes.magicCookie(), MsAttributes.errorCode(401, "Unauthorized"),
                        MsAttributes.realm("SIP Communications Service"), MsAttributes.nonce("abc"))
                .build();
        byte[] b = m.toBytes();
        // REALM is 0x0015 in MS-TURN
        assertThat(MsTurnMessage.decode(b).attributes().get(2).type()).isEqualTo(0x0015);
        MsTurnMessage d = MsTurnMessage.decode(b);
        assertThat(d.realm()).contains("SIP Communications Service");
        assertThat(d.nonce()).contains("abc");
        assertThat(d.errorCode()).contains(new MsTurnError(401, "Unauthorized"));
    }

    @Test
    void xorMappedAddressVectorsDecode() throws Exception {
        byte[] v4 = HexFormat.of().parseHex("0001123501030107");
        assertThat(MsAddressCodec.decodeXor(v4, TXID))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 0x1234));
        byte[] v6 = HexFormat.of().parseHex("00021235010301070103010f01030107010301 1f".replace(" ", ""));
        assertThat(MsAddressCodec.decodeXor(v6, TXID)).isEqualTo(new InetSocketAddress(
                InetAddress.getByName("102:304:506:708:90a:b0c:d0e:f10"), 0x1234));
        assertThat(MsAddressCodec.encodeXor(new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 0x1234), TXID))
                .isEqualTo(v4);
        // Whole attribute as in guide §7.3, inside a message with that transaction id.
        byte[] msg = HexFormat.of().parseHex("01030014" + "000102030405060708090a0b0c0d0e0f"
                + "000f000472c64bc6" + "802000080001123501030107");
        assertThat(MsTurnMessage.decode(msg).xorMappedAddress()).contains(
                new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 4660));
        // The spec's port example: 0x1122 XOR 0x4455 = 0x5577.
        byte[] tx = new byte[16];
        tx[0] = 0x44;
        tx[1] = 0x55;
        byte[] enc = MsAddressCodec.encodeXor(new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 0x1122), tx);
        assertThat(((enc[2] & 0xff) << 8) | (enc[3] & 0xff)).isEqualTo(0x5577);
    }

    @Test
    void garbageIsATypedError() {
        assertThatThrownBy(() -> MsTurnMessage.decode(new byte[19])).isInstanceOf(StunDecodeException.class);
        byte[] badLen = TestData.hex("io/mediapath/turn/msturn/msturn-allocate-v3-sha256-integrity.hex");
        badLen[3] = 0x30;
        assertThatThrownBy(() -> MsTurnMessage.decode(badLen)).isInstanceOf(StunDecodeException.class);
        byte[] overrun = HexFormat.of().parseHex("00030008" + "000102030405060708090a0b0c0d0e0f" + "000f0010 72c64bc6"
                .replace(" ", ""));
        assertThatThrownBy(() -> MsTurnMessage.decode(overrun)).isInstanceOf(StunDecodeException.class);
        MsTurnMessage shortVersion = MsTurnMessage.builder(MsTurnMessage.ALLOCATE_REQUEST)
                .attribute(MsAttributeType.MS_VERSION, new byte[3]).build();
        assertThatThrownBy(shortVersion::msVersion).isInstanceOf(StunDecodeException.class);
    }

    @Test
    void decodeFromByteBufKeepsOwnership() {
        byte[] vector = TestData.hex("io/mediapath/turn/msturn/msturn-allocate-v3-sha256-integrity.hex");
        ByteBuf buf = Unpooled.wrappedBuffer(vector);
        try {
            assertThat(MsTurnMessage.decode(buf).toBytes()).isEqualTo(vector);
            assertThat(buf.readableBytes()).isEqualTo(vector.length);
            assertThat(buf.refCnt()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    @Test
    void detectorTellsTheDialects() {
        assertThat(TurnDialect.detect(TestData.hex("io/mediapath/turn/msturn/msturn-allocate-v3-sha256-integrity.hex")))
                .isEqualTo(TurnDialect.MS_TURN);
        byte[] rfc = HexFormat.of().parseHex("010100002112a442000102030405060708090a0b");
        assertThat(TurnDialect.detect(rfc)).isEqualTo(TurnDialect.RFC_STUN);
        assertThat(TurnDialect.detect("HTTP/1.1 407 Proxy Auth Req".getBytes())).isEqualTo(TurnDialect.UNKNOWN);
        assertThat(TurnDialect.detect(new byte[3])).isEqualTo(TurnDialect.UNKNOWN);
        assertThat(TurnDialect.detect(null)).isEqualTo(TurnDialect.UNKNOWN);
    }
}
