package io.mediapath.turn.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.ice.wire.BigEndian;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StunMessageTest {
    static final StunKey KEY = StunKey.longTerm("alice", "example.org", "s3cret", PasswordAlgorithm.MD5);

    @Test
    void messageTypeInterleavesMethodAndClass() {
        assertThat(MessageType.of(StunMethod.ALLOCATE, StunClass.REQUEST).value()).isEqualTo(0x0003);
        assertThat(MessageType.of(StunMethod.ALLOCATE, StunClass.ERROR_RESPONSE).value()).isEqualTo(0x0113);
        assertThat(MessageType.of(StunMethod.ALLOCATE, StunClass.SUCCESS_RESPONSE).value()).isEqualTo(0x0103);
        assertThat(MessageType.of(StunMethod.SEND, StunClass.INDICATION).value()).isEqualTo(0x0016);
        assertThat(MessageType.of(StunMethod.DATA, StunClass.INDICATION).value()).isEqualTo(0x0017);
        for (int v = 0; v < 0x4000; v += 7) {
            assertThat(MessageType.fromValue(v).value()).isEqualTo(v);
        }
    }

    @Test
    void everyTurnAttributeRoundTrips() throws Exception {
        InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("198.51.100.7"), 49152);
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 3478);
        StunMessage m = StunMessage.builder(MessageType.of(StunMethod.ALLOCATE, StunClass.SUCCESS_RESPONSE))
                .add(Attributes.xorRelayedAddress(v6), Attributes.xorMappedAddress(v4), Attributes.xorPeerAddress(v4),
                        Attributes.mappedAddress(v6), Attributes.alternateServer(v4), Attributes.lifetime(600),
                        Attributes.channelNumber(0x4001), Attributes.requestedTransport(Attributes.TRANSPORT_UDP),
                        Attributes.requestedAddressFamily(Attributes.FAMILY_IPV6), Attributes.evenPort(true),
                        Attributes.reservationToken(new byte[8]), Attributes.dontFragment(),
                        Attributes.data(new byte[] {1, 2, 3}), Attributes.connectionId(0xCAFEBABEL),
                        Attributes.priority(0x6e0001ffL), Attributes.useCandidate(), Attributes.iceControlling(-2L),
                        Attributes.passwordAlgorithms(List.of(2, 1)), Attributes.passwordAlgorithm(2),
                        Attributes.userHash(new byte[32]), Attributes.unknownAttributes(List.of(0x7777, 0x0030)),
                        Attributes.errorCode(438, "Stale Nonce"), Attributes.software("mediapath"),
                        Attributes.realm("example.org"), Attributes.nonce("n"), Attributes.username("alice"),
                        Attributes.alternateDomain("turn.example.org"))
                .messageIntegrity(KEY).messageIntegritySha256(KEY).fingerprint().build();
        StunMessage d = StunMessage.decode(m.toBytes());
        assertThat(d).isEqualTo(m);
        assertThat(d.xorRelayedAddress()).contains(v6);
        assertThat(d.xorMappedAddress()).contains(v4);
        assertThat(d.xorPeerAddress()).contains(v4);
        assertThat(d.mappedAddress()).contains(v6);
        assertThat(d.alternateServer()).contains(v4);
        assertThat(d.lifetime()).hasValue(600);
        assertThat(d.channelNumber()).hasValue(0x4001);
        assertThat(d.requestedTransport()).hasValue(17);
        assertThat(d.requestedAddressFamily()).hasValue(2);
        assertThat(d.data()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(d.connectionId()).hasValue(0xCAFEBABEL);
        assertThat(d.useCandidate()).isTrue();
        assertThat(d.iceControlling()).hasValue(-2L);
        assertThat(d.passwordAlgorithms()).containsExactly(2, 1);
        assertThat(d.passwordAlgorithm()).hasValue(2);
        assertThat(d.unknownAttributes()).containsExactly(0x7777, 0x0030);
        assertThat(d.errorCode()).contains(new ErrorCode(438, "Stale Nonce"));
        assertThat(d.alternateDomain()).contains("turn.example.org");
        assertThat(d.verifySha1(KEY)).isTrue();
        assertThat(d.verifySha256(KEY)).isTrue();
        assertThat(d.checkIntegrity(KEY)).isEqualTo(IntegrityStatus.VALID);
        assertThat(d.unknownComprehensionRequired()).isEmpty();
    }

    @Test
    void everyMacByteCountsAndTruncatedSha256ValuesVerifyTheirPrefix() {
        StunKey other = StunKey.longTerm("alice", "example.org", "s3cre7", PasswordAlgorithm.MD5);
        for (int length : new int[] {16, 20, 28, 32}) {
            byte[] wire = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.username("alice"))
                    .messageIntegrity(KEY).messageIntegritySha256(KEY, length).build().toBytes();
            StunMessage d = StunMessage.decode(wire);
            assertThat(d.verifySha1(KEY)).isTrue();
            assertThat(d.verifySha256(KEY)).as("SHA-256 truncated to %d", length).isTrue();
            assertThat(d.verifySha1(other)).isFalse();
            assertThat(d.verifySha256(other)).isFalse();
            int sha1At = wire.length - 4 - length - 20;
            int sha256At = wire.length - length;
            for (int i = 0; i < 20; i++) {
                byte[] bad = wire.clone();
                bad[sha1At + i] ^= (byte) 0x80;
                assertThat(StunMessage.decode(bad).verifySha1(KEY)).as("MI byte %d flipped", i).isFalse();
            }
            for (int i = 0; i < length; i++) {
                byte[] bad = wire.clone();
                bad[sha256At + i] ^= 1;
                assertThat(StunMessage.decode(bad).verifySha256(KEY)).as("MI-SHA256 byte %d of %d", i, length)
                        .isFalse();
            }
        }
    }

    @Test
    void unknownAttributesRoundTripAndComprehensionRequiredOnesAreReported() {
        StunMessage m = StunMessage.builder(MessageType.BINDING_REQUEST)
                .add(Attributes.raw(0x7F01, new byte[] {9}), Attributes.raw(0xC001, new byte[] {1, 2, 3, 4, 5}))
                .fingerprint().build();
        StunMessage d = StunMessage.decode(m.toBytes());
        assertThat(d.attribute(0x7F01).orElseThrow().value()).containsExactly(9);
        assertThat(d.attribute(0xC001).orElseThrow().value()).containsExactly(1, 2, 3, 4, 5);
        assertThat(d.unknownComprehensionRequired()).containsExactly(0x7F01);
        assertThat(d.toBuilder().fingerprint().build().toBytes()).isEqualTo(m.toBytes());
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnoredExceptSha256AndFingerprint() {
        StunMessage signed = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.username("alice"))
                .messageIntegrity(KEY).build();
        // Append a SOFTWARE after MESSAGE-INTEGRITY by hand, fixing the length: a man in the middle could do that.
        byte[] a = signed.toBytes();
        byte[] extra = {(byte) 0x80, 0x22, 0, 4, 'e', 'v', 'i', 'l'};
        byte[] b = Arrays.copyOf(a, a.length + extra.length);
        System.arraycopy(extra, 0, b, a.length, extra.length);
        BigEndian.put16(b, 2, b.length - 20);
        StunMessage d = StunMessage.decode(b);
        assertThat(d.software()).isEmpty();
        assertThat(d.ignoredAttributes()).extracting(StunAttribute::type).containsExactly(AttributeType.SOFTWARE);
        assertThat(d.checkIntegrity(KEY)).isEqualTo(IntegrityStatus.VALID);
    }

    @Test
    void tamperingIsDetected() {
        StunMessage m = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.username("alice"))
                .messageIntegrity(KEY).build();
        byte[] b = m.toBytes();
        b[25] ^= 1;
        assertThat(StunMessage.decode(b).checkIntegrity(KEY)).isEqualTo(IntegrityStatus.INVALID);
        StunMessage fp = StunMessage.builder(MessageType.BINDING_REQUEST).fingerprint().build();
        byte[] c = fp.toBytes();
        c[10] ^= 1;
        assertThatThrownBy(() -> StunMessage.decode(c)).isInstanceOf(StunDecodeException.class)
                .hasMessageContaining("FINGERPRINT");
        assertThat(StunMessage.builder(MessageType.BINDING_REQUEST).build().checkIntegrity(KEY))
                .isEqualTo(IntegrityStatus.ABSENT);
    }

    @Test
    void malformedMessagesRaiseTypedErrors() {
        assertThatThrownBy(() -> StunMessage.decode(new byte[19])).isInstanceOf(StunDecodeException.class);
        byte[] ok = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.software("x")).build().toBytes();
        byte[] badCookie = ok.clone();
        badCookie[4] = 0;
        assertThatThrownBy(() -> StunMessage.decode(badCookie)).hasMessageContaining("magic cookie");
        byte[] overlong = ok.clone();
        overlong[23] = 100;
        assertThatThrownBy(() -> StunMessage.decode(overlong)).hasMessageContaining("exceeds");
        byte[] rtp = ok.clone();
        rtp[0] = (byte) 0x80;
        assertThatThrownBy(() -> StunMessage.decode(rtp)).hasMessageContaining("first two bits");
        StunMessage badAddr = StunMessage.builder(MessageType.BINDING_SUCCESS)
                .add(Attributes.raw(AttributeType.XOR_MAPPED_ADDRESS, new byte[] {0, 3, 0, 0})).build();
        assertThatThrownBy(badAddr::xorMappedAddress).isInstanceOf(StunDecodeException.class);
    }

    @Test
    void nonceCookieAndPasswordPreparation() {
        SecurityFeatures f = new SecurityFeatures(SecurityFeatures.PASSWORD_ALGORITHMS);
        assertThat(SecurityFeatures.ofNonce(f.noncePrefix() + "abc")).contains(f);
        assertThat(SecurityFeatures.ofNonce("338852cf480d5182")).isEmpty();
        // a padded feature field decodes to two bytes, not the 24 bits (fuzzer finding): no cookie, not a crash
        assertThat(SecurityFeatures.ofNonce("obMatJos2AAA=f//499k")).isEmpty();
        assertThat(SecurityFeatures.ofNonce("obMatJos2AA==f//499k")).isEmpty();
        assertThat(PasswordPreparation.OPAQUE_STRING.prepare("pa\u00A0ss")).isEqualTo("pa ss");
        assertThat(PasswordPreparation.OPAQUE_STRING.prepare("e\u0301")).isEqualTo("\u00E9");
        assertThatThrownBy(() -> PasswordPreparation.OPAQUE_STRING.prepare("a\u0007b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("a\u0007b");
        assertThat(StunKey.longTerm("u", "r", "p", PasswordAlgorithm.SHA256).toString()).doesNotContain("p");
    }
}
