package io.mediapath.turn.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.wire.BigEndian;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Signing then checking always verifies; flipping any one byte of the signed part never does (it reads INVALID,
 * or ABSENT when the flip re-frames the attributes, or the message no longer decodes); checking arbitrary bytes never throws anything but {@link StunDecodeException}.
 */
class MessageIntegrityFuzzTest {

    @FuzzTest
    void integrity(FuzzedDataProvider data) {
        String password = data.consumeString(32);
        boolean sha256 = data.consumeBoolean();
        byte[] value = data.consumeBytes(200);
        int flip = data.consumeInt(0, 10_000);
        byte[] other = data.consumeRemainingAsBytes();
        StunKey key;
        try {
            key = StunKey.longTerm("u", "realm", password, sha256 ? PasswordAlgorithm.SHA256 : PasswordAlgorithm.MD5);
        } catch (IllegalArgumentException notPreparable) {
            return;
        }
        StunMessage.Builder b = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.raw(0x8055, value));
        StunMessage m = (sha256 ? b.messageIntegritySha256(key) : b.messageIntegrity(key)).fingerprint().build();
        assertThat(m.checkIntegrity(key)).isEqualTo(IntegrityStatus.VALID);
        byte[] bytes = m.toBytes();
        int signedEnd = bytes.length - 8 - (sha256 ? 36 : 24);
        int i = flip % signedEnd;
        if (i >= 2 && i < 4) {
            i = 4; // the length field is rewritten when signing: flip the cookie instead
        }
        bytes[i] ^= 0x01;
        try {
            // FINGERPRINT catches the change first; drop it to reach the integrity check.
            byte[] noFp = java.util.Arrays.copyOf(bytes, bytes.length - 8);
            BigEndian.put16(noFp, 2, noFp.length - 20);
            // A flip inside the signed part must never verify. Usually it reads INVALID; a flip in the preceding
            // attribute's length can re-frame the message so that no MESSAGE-INTEGRITY is found at all (ABSENT),
            // which the client rejects just the same (fuzzer finding kept as regression-flip-hides-integrity).
            assertThat(StunMessage.decode(noFp).checkIntegrity(key))
                    .isIn(IntegrityStatus.INVALID, IntegrityStatus.ABSENT);
        } catch (StunDecodeException structural) {
            // the flip broke the structure (type bits, cookie, lengths)
        }
        try {
            StunMessage.decode(other).checkIntegrity(key);
        } catch (StunDecodeException expected) {
            // fine
        }
    }
}
