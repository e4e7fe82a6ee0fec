package io.mediapath.responder.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mediapath.ice.receipt.ArrivalKind;
import java.util.Optional;

/**
 * Arbitrary first bytes through the responder's classifier and the parsers it hands them to (ClientHello SNI/ALPN,
 * STUN request and the answers written from it), at every prefix length, inside a larger buffer whose tail must
 * never be read: only the typed {@link IllegalArgumentException} may come out, and a kind once decided never changes
 * as more bytes arrive.
 */
class FirstBytesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzzClassifier(FuzzedDataProvider data) {
        byte[] wire = data.consumeRemainingAsBytes();
        byte[] buf = java.util.Arrays.copyOf(wire, wire.length + 64);
        java.util.Arrays.fill(buf, wire.length, buf.length, (byte) 0x16); // poison beyond the length
        ArrivalKind decided = null;
        for (int n = 0; n <= wire.length; n++) {
            Optional<ArrivalKind> k = FirstBytes.classify(buf, n);
            if (decided != null && k.orElse(null) != decided) {
                throw new IllegalStateException("kind changed from " + decided + " to " + k + " at " + n);
            }
            if (k.isPresent()) {
                decided = k.get();
            }
        }
        if (decided == null) {
            return;
        }
        try {
            switch (decided) {
                case TLS_CLIENT_HELLO, PSEUDO_TLS_HELLO -> ClientHelloInfo.parse(buf, wire.length)
                        .ifPresent(i -> {
                            if (i.recordLength() > wire.length || i.sni().map(String::length).orElse(0) > 255) {
                                throw new IllegalStateException("read beyond the record");
                            }
                        });
                case STUN_BINDING, TURN_ALLOCATE, MS_TURN, STUN_OTHER -> {
                    int total = StunWire.messageLength(buf, wire.length);
                    if (total > 0 && total <= wire.length) {
                        StunWire.Request r = StunWire.read(buf, total, decided == ArrivalKind.MS_TURN);
                        StunWire.bindingSuccess(r, new java.net.InetSocketAddress("127.0.0.1", 1), null);
                        StunWire.challenge(r, "realm", "nonce");
                    }
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException expected) {
            // typed refusal
        }
    }

    /**
     * What follows an answer on a stream, in each framing: never a read beyond the length, a unit's length never
     * below what was needed to decide, never above the buffer's bound; a decided unit never changes as more bytes
     * come; and a whole unit goes through the reader and writers the handler uses (typed refusal only).
     */
    @FuzzTest(maxDuration = "30s")
    void fuzzFollowUp(FuzzedDataProvider data) {
        FirstBytes.Stream stream = data.pickValue(FirstBytes.Stream.values());
        byte[] wire = data.consumeRemainingAsBytes();
        byte[] buf = java.util.Arrays.copyOf(wire, wire.length + 64);
        java.util.Arrays.fill(buf, wire.length, buf.length, (byte) 0x02); // poison beyond the length
        FirstBytes.Next decided = null;
        for (int n = 0; n <= wire.length; n++) {
            Optional<FirstBytes.Next> next = FirstBytes.next(buf, n, stream);
            if (decided != null && !next.equals(Optional.of(decided))) {
                throw new IllegalStateException("unit changed from " + decided + " to " + next + " at " + n);
            }
            if (next.isPresent()) {
                decided = next.get();
                if (decided.length() < 0 || decided.length() > StunWire.MAX_MESSAGE + FirstBytes.MS_FRAME_HEADER
                        + io.mediapath.ice.receipt.ReceiptFrames.MAX_BODY) {
                    throw new IllegalStateException("unit length " + decided.length());
                }
            }
        }
        if (decided == null || decided.length() > wire.length) {
            return;
        }
        byte[] unit = java.util.Arrays.copyOf(wire, decided.length());
        try {
            switch (decided.kind()) {
                case STUN_BINDING, TURN_ALLOCATE, STUN_OTHER -> {
                    StunWire.Request r = StunWire.read(unit, unit.length, false);
                    StunWire.bindingSuccess(r, new java.net.InetSocketAddress("127.0.0.1", 1), null);
                    StunWire.challenge(r, "realm", "nonce");
                }
                case MS_TURN -> {
                    byte[] msg = java.util.Arrays.copyOfRange(unit, FirstBytes.MS_FRAME_HEADER, unit.length);
                    StunWire.msFrame(StunWire.challenge(StunWire.read(msg, msg.length, true), "realm", "nonce"));
                }
                default -> {
                }
            }
        } catch (IllegalArgumentException expected) {
            // typed refusal
        }
    }
}
