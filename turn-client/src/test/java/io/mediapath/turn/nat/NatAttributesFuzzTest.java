package io.mediapath.turn.nat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.mediapath.turn.stun.AttributeType;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import java.util.HexFormat;

/**
 * Any value of the RFC 5780 attributes, inside a message: the getters give a value or a {@link StunDecodeException},
 * never another exception; a decoded CHANGE-REQUEST re-encodes to its flags.
 */
class NatAttributesFuzzTest {
    private static final byte[] TX = HexFormat.of().parseHex("0102030405060708090a0b0c");

    @FuzzTest
    void attributes(byte @NotNull [] input) {
        // the first byte picks the attribute, the rest is its value
        if (input.length == 0 || input.length > 600) {
            return;
        }
        int which = input[0];
        byte[] value = java.util.Arrays.copyOfRange(input, 1, input.length);
        int[] types = {AttributeType.CHANGE_REQUEST, AttributeType.OTHER_ADDRESS, AttributeType.RESPONSE_ORIGIN,
            AttributeType.RESPONSE_PORT};
        int type = types[Math.floorMod(which, types.length)];
        StunMessage m = StunMessage.decode(StunMessage.builder(MessageType.BINDING_SUCCESS, TX).addRaw(type, value)
                .build().toBytes());
        try {
            NatAttributes.changeRequest(m).ifPresent(c -> {
                if (ChangeRequest.decode(c.encode()).equals(c) == false) {
                    throw new AssertionError("CHANGE-REQUEST does not round-trip: " + c);
                }
            });
        } catch (StunDecodeException expected) {
            // wrong length
        }
        try {
            NatAttributes.otherAddress(m);
        } catch (StunDecodeException expected) {
            // bad family or length
        }
        try {
            NatAttributes.responseOrigin(m);
        } catch (StunDecodeException expected) {
            // bad family or length
        }
        try {
            NatAttributes.responsePort(m);
        } catch (StunDecodeException expected) {
            // wrong length
        }
    }
}
