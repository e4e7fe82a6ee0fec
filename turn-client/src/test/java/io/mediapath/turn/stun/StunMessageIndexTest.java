package io.mediapath.turn.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.wire.BigEndian;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The zero-copy attribute index: values are read from the message bytes, which nobody else can change. */
class StunMessageIndexTest {
    static final StunKey KEY = StunKey.shortTerm("pass");

    @Test
    void decodedMessageDoesNotSeeLaterChangesToTheCallersArray() {
        byte[] wire = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.username("alice"),
                Attributes.software("x")).messageIntegrity(KEY).fingerprint().build().toBytes();
        StunMessage m = StunMessage.decode(wire);
        Arrays.fill(wire, 20, wire.length, (byte) 0x41);
        assertThat(m.username()).contains("alice");
        assertThat(m.checkIntegrity(KEY)).isEqualTo(IntegrityStatus.VALID);
        // Values handed out are copies too.
        m.attribute(AttributeType.USERNAME).orElseThrow().value()[0] = 'X';
        m.attributes().get(0).value()[0] = 'X';
        assertThat(m.username()).contains("alice");
    }

    @Test
    void attributesListIsBuiltOnceAndAgreesWithTheGetters() {
        StunMessage m = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.username("bob"),
                Attributes.priority(7), Attributes.software("s")).fingerprint().build();
        assertThat(m.attributes()).isSameAs(m.attributes());
        assertThat(m.attributes()).extracting(StunAttribute::type).containsExactly(AttributeType.USERNAME,
                AttributeType.PRIORITY, AttributeType.SOFTWARE, AttributeType.FINGERPRINT);
        assertThat(m.attributes().get(0)).isEqualTo(m.attribute(AttributeType.USERNAME).orElseThrow());
        assertThat(new String(m.attributes().get(0).value(), StandardCharsets.UTF_8)).isEqualTo("bob");
        assertThat(m.priority()).hasValue(7);
        assertThat(m.has(AttributeType.REALM)).isFalse();
        assertThat(m.toString()).contains("USERNAME", "FINGERPRINT");
    }

    @Test
    void manyAttributesAfterIntegrityAreIndexedAsIgnoredInOrder() {
        StunMessage signed = StunMessage.builder(MessageType.BINDING_REQUEST).add(Attributes.username("carol"))
                .messageIntegrity(KEY).build();
        byte[] head = signed.toBytes();
        int extra = 9; // more than the ignored index's first capacity
        byte[] wire = Arrays.copyOf(head, head.length + extra * 8);
        for (int i = 0; i < extra; i++) {
            int o = head.length + i * 8;
            BigEndian.put16(wire, o, AttributeType.SOFTWARE);
            BigEndian.put16(wire, o + 2, 1);
            wire[o + 4] = (byte) ('a' + i);
        }
        BigEndian.put16(wire, 2, wire.length - StunMessage.HEADER_LENGTH);
        StunMessage m = StunMessage.decode(wire);
        assertThat(m.attributes()).extracting(StunAttribute::type).containsExactly(AttributeType.USERNAME,
                AttributeType.MESSAGE_INTEGRITY);
        assertThat(m.ignoredAttributes()).hasSize(extra);
        for (int i = 0; i < extra; i++) {
            assertThat(m.ignoredAttributes().get(i).value()).containsExactly((byte) ('a' + i));
        }
        assertThat(m.software()).isEmpty(); // ignored attributes are not visible to the getters
        assertThat(m.checkIntegrity(KEY)).isEqualTo(IntegrityStatus.VALID);
        assertThat(m.toBuilder().build().attributes()).extracting(StunAttribute::type)
                .containsExactly(AttributeType.USERNAME);
    }

    @Test
    void sharedMessageTypesEqualFreshOnes() {
        for (int v : new int[] {0x0001, 0x0101, 0x0113, 0x0017, 0x3FEF}) {
            MessageType t = MessageType.fromValue(v);
            assertThat(t).isEqualTo(new MessageType(t.method(), t.cls()));
            assertThat(t.value()).isEqualTo(v);
        }
    }
}
