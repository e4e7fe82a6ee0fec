package io.mediapath.turn.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mediapath.turn.stun.AttributeType;
import io.mediapath.turn.stun.MessageType;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The RFC 5780 attributes against their layouts, transcribed here: CHANGE-REQUEST (§7.2: 32 bits, A = 0x4 change IP,
 * B = 0x2 change port), RESPONSE-ORIGIN and OTHER-ADDRESS (§7.3, §7.4: the MAPPED-ADDRESS format of RFC 8489 §14.1,
 * not XORed), RESPONSE-PORT (§7.5: 16-bit port then 16 bits of padding). RFC 5780 publishes no sample messages, so the
 * messages below are written byte by byte from those figures.
 */
class NatAttributesTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] TX = HEX.parseHex("b7e7a701bc34d686fa87dfae");

    // Binding request: header (type 0x0001, length 8, cookie, transaction id), CHANGE-REQUEST 0x0003 len 4 = A|B.
    private static final String REQUEST_CHANGE_IP_AND_PORT =
            "0001" + "0008" + "2112a442" + "b7e7a701bc34d686fa87dfae"
            + "0003" + "0004" + "00000006";

    // Binding success: RESPONSE-ORIGIN 192.0.2.10:3478 then OTHER-ADDRESS 192.0.2.11:3479 (family 1, port, address).
    private static final String RESPONSE_WITH_ORIGIN_AND_OTHER =
            "0101" + "0018" + "2112a442" + "b7e7a701bc34d686fa87dfae"
            + "802b" + "0008" + "0001" + "0d96" + "c000020a"
            + "802c" + "0008" + "0001" + "0d97" + "c000020b";

    @Test
    void changeRequestEncodesAsTheRfcFigure() {
        StunMessage m = StunMessage.builder(MessageType.BINDING_REQUEST, TX).add(new ChangeRequest(true, true)).build();
        assertThat(HEX.formatHex(m.toBytes())).isEqualTo(REQUEST_CHANGE_IP_AND_PORT);
        assertThat(HEX.formatHex(new ChangeRequest(false, true).encode())).isEqualTo("00000002");
        assertThat(HEX.formatHex(new ChangeRequest(true, false).encode())).isEqualTo("00000004");
        assertThat(HEX.formatHex(new ChangeRequest(false, false).encode())).isEqualTo("00000000");
    }

    @Test
    void changeRequestDecodes() {
        StunMessage m = StunMessage.decode(HEX.parseHex(REQUEST_CHANGE_IP_AND_PORT));
        assertThat(NatAttributes.changeRequest(m)).contains(new ChangeRequest(true, true));
        assertThat(ChangeRequest.decode(HEX.parseHex("00000002"))).isEqualTo(new ChangeRequest(false, true));
        // reserved bits are ignored, as RFC 5780 §7.2 leaves them zero
        assertThat(ChangeRequest.decode(HEX.parseHex("ffffff01"))).isEqualTo(new ChangeRequest(false, false));
        assertThatThrownBy(() -> ChangeRequest.decode(new byte[3])).isInstanceOf(StunDecodeException.class)
                .hasMessageContaining("CHANGE-REQUEST: 3 bytes");
    }

    @Test
    void responseOriginAndOtherAddressRoundTrip() throws Exception {
        InetSocketAddress origin = new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 3478);
        InetSocketAddress other = new InetSocketAddress(InetAddress.getByName("192.0.2.11"), 3479);
        StunMessage built = StunMessage.builder(MessageType.BINDING_SUCCESS, TX)
                .add(NatAttributes.responseOrigin(origin), NatAttributes.otherAddress(other)).build();
        assertThat(HEX.formatHex(built.toBytes())).isEqualTo(RESPONSE_WITH_ORIGIN_AND_OTHER);
        StunMessage m = StunMessage.decode(HEX.parseHex(RESPONSE_WITH_ORIGIN_AND_OTHER));
        assertThat(NatAttributes.responseOrigin(m)).contains(origin);
        assertThat(NatAttributes.otherAddress(m)).contains(other);
        assertThat(NatAttributes.changeRequest(m)).isEmpty();
    }

    @Test
    void ipv6OtherAddress() throws Exception {
        InetSocketAddress other = new InetSocketAddress(InetAddress.getByName("2001:db8::11"), 3479);
        StunMessage m = StunMessage.builder(MessageType.BINDING_SUCCESS, TX).add(NatAttributes.otherAddress(other))
                .build();
        assertThat(HEX.formatHex(m.attribute(AttributeType.OTHER_ADDRESS).orElseThrow().value()))
                .isEqualTo("00020d97" + "20010db8000000000000000000000011");
        assertThat(StunMessage.decode(m.toBytes()).otherAddress()).contains(other);
    }

    @Test
    void responsePortHasPadding() {
        StunMessage m = StunMessage.builder(MessageType.BINDING_REQUEST, TX).add(NatAttributes.responsePort(50000))
                .build();
        assertThat(HEX.formatHex(m.attribute(AttributeType.RESPONSE_PORT).orElseThrow().value())).isEqualTo("c3500000");
        assertThat(NatAttributes.responsePort(StunMessage.decode(m.toBytes()))).hasValue(50000);
        assertThatThrownBy(() -> NatAttributes.responsePort(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedValuesAreTypedErrors() {
        // OTHER-ADDRESS of family 1 with 6 bytes
        String bad = "0101" + "000c" + "2112a442" + "b7e7a701bc34d686fa87dfae" + "802c" + "0006" + "00010d97c000" + "0000";
        StunMessage m = StunMessage.decode(HEX.parseHex(bad));
        assertThatThrownBy(() -> NatAttributes.otherAddress(m)).isInstanceOf(StunDecodeException.class);
        String badPort = "0001" + "0008" + "2112a442" + "b7e7a701bc34d686fa87dfae" + "0027" + "0002" + "c350" + "0000";
        assertThatThrownBy(() -> NatAttributes.responsePort(StunMessage.decode(HEX.parseHex(badPort))))
                .isInstanceOf(StunDecodeException.class);
    }
}
