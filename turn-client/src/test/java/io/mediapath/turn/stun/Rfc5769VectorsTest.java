package io.mediapath.turn.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.testing.TestData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * RFC 5769 §2.1–2.4 and RFC 8489 B.1 (as published and as corrected by Errata 6268), transcribed byte for byte into
 * {@code src/test/resources/io/mediapath/turn/stun/*.hex} (each file names its RFC section), as pion keeps
 * {@code rfc5769_test.go}.
 */
class Rfc5769VectorsTest {
    static final String SHORT_TERM_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";
    static final String USERNAME_24 = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    static final String PASSWORD_24 = "The\u00ADM\u00AAtr\u2168";

    @Test
    void sampleRequestDecodesVerifiesAndReencodesByteForByte() {
        byte[] wire = TestData.hex("io/mediapath/turn/stun/rfc5769-2.1-sample-request.hex");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.type()).isEqualTo(MessageType.BINDING_REQUEST);
        assertThat(m.transactionIdHex()).isEqualTo("b7e7a701bc34d686fa87dfae");
        assertThat(m.software()).contains("STUN test client");
        assertThat(m.priority()).hasValue(0x6e0001ffL);
        assertThat(m.iceControlled()).hasValue(0x932ff9b151263b36L);
        assertThat(m.username()).contains("evtj:h6vY");
        assertThat(m.hasFingerprint()).isTrue();
        StunKey key = StunKey.shortTerm(SHORT_TERM_PASSWORD);
        assertThat(m.checkIntegrity(key)).isEqualTo(IntegrityStatus.VALID);
        assertThat(m.checkIntegrity(StunKey.shortTerm("wrong"))).isEqualTo(IntegrityStatus.INVALID);
        assertThat(m.unknownComprehensionRequired()).isEmpty();

        // RFC 5769 pads with 0x20; our builder can reproduce that, so the MAC and CRC match bit for bit.
        StunMessage rebuilt = StunMessage.builder(m.type(), m.transactionId()).padding((byte) 0x20)
                .add(Attributes.software("STUN test client"), Attributes.priority(0x6e0001ffL),
                        Attributes.iceControlled(0x932ff9b151263b36L), Attributes.username("evtj:h6vY"))
                .messageIntegrity(key).fingerprint().build();
        assertThat(rebuilt.toBytes()).isEqualTo(wire);
        // Re-encoded from the model with RFC 8489 zero padding: different bytes, still a valid, verifiable message.
        StunMessage zeroPadded = m.toBuilder().messageIntegrity(key).fingerprint().build();
        assertThat(zeroPadded.toBytes()).hasSameSizeAs(wire).isNotEqualTo(wire);
        assertThat(StunMessage.decode(zeroPadded.toBytes()).checkIntegrity(key)).isEqualTo(IntegrityStatus.VALID);
        assertThat(zeroPadded.attributes().subList(0, 4)).isEqualTo(m.attributes().subList(0, 4));
    }

    @Test
    void ipv4ResponseDecodesVerifiesAndReencodes() throws Exception {
        byte[] wire = TestData.hex("io/mediapath/turn/stun/rfc5769-2.2-ipv4-response.hex");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.type()).isEqualTo(MessageType.BINDING_SUCCESS);
        assertThat(m.xorMappedAddress()).contains(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        StunKey key = StunKey.shortTerm(SHORT_TERM_PASSWORD);
        assertThat(m.verifySha1(key)).isTrue();
        StunMessage rebuilt = StunMessage.builder(m.type(), m.transactionId()).padding((byte) 0x20)
                .add(Attributes.software("test vector"),
                        Attributes.xorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853)))
                .messageIntegrity(key).fingerprint().build();
        assertThat(rebuilt.toBytes()).isEqualTo(wire);
    }

    @Test
    void ipv6ResponseDecodesVerifiesAndReencodes() throws Exception {
        byte[] wire = TestData.hex("io/mediapath/turn/stun/rfc5769-2.3-ipv6-response.hex");
        StunMessage m = StunMessage.decode(wire);
        InetSocketAddress expected = new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        assertThat(m.xorMappedAddress()).contains(expected);
        StunKey key = StunKey.shortTerm(SHORT_TERM_PASSWORD);
        assertThat(m.checkIntegrity(key)).isEqualTo(IntegrityStatus.VALID);
        StunMessage rebuilt = StunMessage.builder(m.type(), m.transactionId()).padding((byte) 0x20)
                .add(Attributes.software("test vector"), Attributes.xorMappedAddress(expected))
                .messageIntegrity(key).fingerprint().build();
        assertThat(rebuilt.toBytes()).isEqualTo(wire);
    }

    @Test
    void longTermRequestWithSaslprepPassword() {
        byte[] wire = TestData.hex("io/mediapath/turn/stun/rfc5769-2.4-long-term-request.hex");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.username()).contains(USERNAME_24);
        assertThat(m.nonce()).contains("f//499k954d6OL34oL9FSTvy64sA");
        assertThat(m.realm()).contains("example.org");
        assertThat(m.hasFingerprint()).isFalse();
        assertThat(PasswordPreparation.SASLPREP.prepare(PASSWORD_24)).isEqualTo("TheMatrIX");
        StunKey key = StunKey.longTerm(USERNAME_24, "example.org", PASSWORD_24, PasswordAlgorithm.MD5,
                PasswordPreparation.SASLPREP);
        assertThat(key.length()).isEqualTo(16);
        assertThat(m.checkIntegrity(key)).isEqualTo(IntegrityStatus.VALID);
        // Unprepared, the soft hyphen stays in and the key is wrong.
        assertThat(m.checkIntegrity(StunKey.longTerm(USERNAME_24, "example.org", PASSWORD_24, PasswordAlgorithm.MD5,
                PasswordPreparation.NONE))).isEqualTo(IntegrityStatus.INVALID);
        StunMessage rebuilt = StunMessage.builder(m.type(), m.transactionId())
                .add(Attributes.username(USERNAME_24), Attributes.nonce("f//499k954d6OL34oL9FSTvy64sA"),
                        Attributes.realm("example.org"))
                .messageIntegrity(key).build();
        assertThat(rebuilt.toBytes()).isEqualTo(wire);
    }

    @Test
    void rfc8489B1CorrectedByErrata6268Verifies() {
        byte[] wire = TestData.hex("io/mediapath/turn/stun/rfc8489-B.1-corrected.hex");
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.userHash()).hasValueSatisfying(h -> assertThat(h).isEqualTo(
                StunKey.userHash(USERNAME_24, "example.org")));
        assertThat(HexFormat.of().formatHex(m.userHash().orElseThrow())).startsWith("4a3cf38f");
        assertThat(m.nonce()).contains("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA");
        SecurityFeatures f = m.securityFeatures().orElseThrow();
        assertThat(f.bits()).isEqualTo(2);
        assertThat(f.usernameAnonymity()).isTrue();
        assertThat(f.passwordAlgorithms()).isFalse();
        assertThat(f.noncePrefix()).isEqualTo("obMatJos2AAAC");
        assertThat(m.passwordAlgorithm()).hasValue(PasswordAlgorithm.SHA256.code());
        assertThat(m.hasMessageIntegritySha256()).isTrue();
        // RFC 8489 B.1: the password is used as "TheMatrIX" (OpaqueString leaves it as is).
        StunKey key = StunKey.longTerm(USERNAME_24, "example.org", "TheMatrIX", PasswordAlgorithm.SHA256);
        assertThat(key.length()).isEqualTo(32);
        assertThat(m.checkIntegrity(key)).isEqualTo(IntegrityStatus.VALID);
        assertThat(m.checkIntegrity(StunKey.longTerm(USERNAME_24, "example.org", "TheMatrIX", PasswordAlgorithm.MD5)))
                .isEqualTo(IntegrityStatus.INVALID);
        StunMessage rebuilt = m.toBuilder().messageIntegritySha256(key).build();
        assertThat(rebuilt.toBytes()).isEqualTo(wire);
    }

    @Test
    void rfc8489B1AsPublishedIsRejected() {
        byte[] wire = TestData.hex("io/mediapath/turn/stun/rfc8489-B.1-as-published.hex");
        assertThatThrownBy(() -> StunMessage.decode(wire)).isInstanceOf(StunDecodeException.class)
                .hasMessageContaining("length field 156");
    }
}
