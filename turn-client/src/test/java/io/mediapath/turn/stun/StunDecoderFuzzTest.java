package io.mediapath.turn.stun;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * Any bytes: decode either fails with {@link StunDecodeException} or gives a message whose getters fail only with
 * it, and whose re-encoding decodes to the same attributes.
 */
class StunDecoderFuzzTest {

    @FuzzTest
    void decode(byte @NotNull [] input) {
        StunMessage m;
        try {
            m = StunMessage.decode(input);
        } catch (StunDecodeException expected) {
            return;
        }
        assertThat(m.toBytes()).isEqualTo(input);
        exerciseGetters(m);
        StunMessage again = StunMessage.decode(m.toBuilder().build().toBytes());
        assertThat(again.type()).isEqualTo(m.type());
        assertThat(again.transactionId()).isEqualTo(m.transactionId());
        m.unknownComprehensionRequired();
        m.checkIntegrity(StunKey.shortTerm("fuzz"));
    }

    static void exerciseGetters(StunMessage m) {
        Runnable[] getters = {
            m::errorCode, m::xorMappedAddress, m::xorRelayedAddress, m::xorPeerAddress, m::mappedAddress,
            m::alternateServer, m::lifetime, m::channelNumber, m::requestedTransport, m::requestedAddressFamily,
            m::priority, m::iceControlled, m::iceControlling, m::passwordAlgorithm, m::passwordAlgorithms,
            m::unknownAttributes, m::securityFeatures, m::username, m::realm, m::nonce, m::software, m::data,
            m::connectionId, m::responseOrigin, m::otherAddress
        };
        for (Runnable g : getters) {
            try {
                g.run();
            } catch (StunDecodeException expected) {
                // a malformed attribute value is a typed error
            }
        }
    }
}
