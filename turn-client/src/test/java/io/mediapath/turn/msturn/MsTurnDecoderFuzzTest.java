package io.mediapath.turn.msturn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.mediapath.turn.internal.MsTurnFrame;
import io.mediapath.turn.internal.MsTurnFrameDecoder;
import io.mediapath.turn.stun.StunDecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * Any bytes: the MS-TURN decoder, its getters, the re-encoding, integrity checks in both regimes, the dialect
 * detector fails only with {@link StunDecodeException} (or answer false); the framer in
 * random chunks yields frames or a typed error and never more bytes than it was given.
 */
class MsTurnDecoderFuzzTest {
    private static final MsIntegrityKey SHA1 =
            MsIntegrityKey.derive(IntegrityRegime.HMAC_SHA1, "fuzz", "realm", "nonce", "pass");
    private static final MsIntegrityKey SHA256 =
            MsIntegrityKey.derive(IntegrityRegime.HMAC_SHA256, "fuzz", "realm", "nonce", "pass");

    @FuzzTest
    void decode(byte @NotNull [] input) {
        TurnDialect.detect(input);
        MsTurnMessage m;
        try {
            m = MsTurnMessage.decode(input);
        } catch (StunDecodeException expected) {
            return;
        }
        assertThat(m.toBytes()).isEqualTo(input);
        TurnDialect dialect = TurnDialect.detect(input);
        if (dialect == TurnDialect.MS_TURN) {
            assertThat(m.hasMagicCookie()).isTrue();
        }
        if (m.hasMagicCookie()) {
            // RFC_STUN only when the random transaction id happens to start with 0x2112A442
            assertThat(dialect).isNotEqualTo(TurnDialect.UNKNOWN);
        }
        Runnable[] getters = {
            m::hasMagicCookie, m::msVersion, m::lifetime, m::username, m::realm, m::nonce, m::errorCode,
            m::mappedAddress, m::xorMappedAddress, m::destinationAddress, m::remoteAddress, m::alternateServer,
            m::data, m::sequenceNumber, m::hasIntegrity
        };
        for (Runnable g : getters) {
            try {
                g.run();
            } catch (StunDecodeException expected) {
                // a malformed value is a typed error
            }
        }
        m.checkIntegrity(SHA1);
        m.checkIntegrity(SHA256);
        int paddedBody = m.attributes().stream().mapToInt(a -> 4 + ((a.value().length + 3) & ~3)).sum();
        if (paddedBody <= 0xFFFF) {
            MsTurnMessage again = MsTurnMessage.decode(m.toBuilder().build().toBytes());
            assertThat(again.type()).isEqualTo(m.type());
            assertThat(again.transactionId()).isEqualTo(m.transactionId());
            assertThat(again.attributes()).isEqualTo(m.attributes());
        }
        if (paddedBody + 36 <= 0xFFFF) {
            MsTurnMessage signed = m.toBuilder().remove(MsAttributeType.MESSAGE_INTEGRITY).build(SHA256);
            assertThat(MsTurnMessage.decode(signed.toBytes()).checkIntegrity(SHA256)).isTrue();
            assertThat(signed.checkIntegrity(SHA1)).isFalse();
        }
    }

    @FuzzTest
    void framer(FuzzedDataProvider data) {
        int chunk = data.consumeInt(1, 64);
        byte[] stream = data.consumeRemainingAsBytes();
        MsTurnFrameDecoder framer = new MsTurnFrameDecoder();
        ByteBuf acc = Unpooled.buffer();
        long consumed = 0;
        try {
            for (int i = 0; i < stream.length; i += chunk) {
                acc.writeBytes(stream, i, Math.min(chunk, stream.length - i));
                MsTurnFrame f;
                while ((f = framer.next(acc)) != null) {
                    byte[] payload = f.payload();
                    assertThat(Arrays.copyOfRange(stream, (int) consumed + 4, (int) consumed + 4 + payload.length))
                            .isEqualTo(payload);
                    consumed += MsTurnFrame.HEADER_LENGTH + payload.length;
                    if (f.type() == MsTurnFrame.CONTROL) {
                        try {
                            f.message();
                        } catch (StunDecodeException expected) {
                            // a control frame need not hold a well-formed message
                        }
                    }
                }
                acc.discardReadBytes();
            }
            assertThat(consumed).isLessThanOrEqualTo(stream.length);
        } catch (StunDecodeException expected) {
            // not MS-TURN framing: a typed error
        } finally {
            acc.release();
        }
    }

    @FuzzTest
    void integrity(FuzzedDataProvider data) {
        IntegrityRegime regime = data.consumeBoolean() ? IntegrityRegime.HMAC_SHA256 : IntegrityRegime.HMAC_SHA1;
        MsIntegrityKey key = MsIntegrityKey.derive(regime, data.consumeString(40), data.consumeString(40),
                data.consumeString(40), data.consumeString(40));
        MsTurnMessage.Builder b = MsTurnMessage.builder(data.consumeInt(0, 0x3FFF)).add(MsAttributes.magicCookie());
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
            int type = data.consumeInt(0, 0xFFFF);
            // another MESSAGE-INTEGRITY before the real one would be the one checked
            b.attribute(type == MsAttributeType.MESSAGE_INTEGRITY ? 0x8000 : type, data.consumeBytes(64));
        }
        int flip = data.consumeInt(0, Integer.MAX_VALUE);
        MsTurnMessage m = b.build(key);
        assertThat(m.checkIntegrity(key)).isTrue();
        byte[] bytes = m.toBytes();
        int at = flip % bytes.length;
        bytes[at] ^= (byte) (1 << (flip % 8));
        try {
            assertThat(MsTurnMessage.decode(bytes).checkIntegrity(key)).isFalse();
        } catch (StunDecodeException expected) {
            // the flip broke the structure
        }
    }
}
