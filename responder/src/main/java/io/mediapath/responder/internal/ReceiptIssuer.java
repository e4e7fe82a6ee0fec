package io.mediapath.responder.internal;

import io.mediapath.ice.receipt.ArrivalKind;
import io.mediapath.ice.receipt.PathJudge;
import io.mediapath.ice.receipt.Receipt;
import io.mediapath.ice.receipt.ReceiptCodec;
import io.mediapath.ice.receipt.ReceiptRequest;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.ice.receipt.ReceiptTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues receipts to requests that carry a valid tag, inside the window, not seen before (a replayed request gets
 * nothing). The replay memory is bounded; a request older than the window is refused anyway, so forgetting the
 * oldest nonces early only matters under a flood of valid requests.
 */
public final class ReceiptIssuer {

    private static final int REPLAY_MEMORY = 65_536;

    private final ReceiptToken token;
    private final Duration window;
    private final Clock clock;
    private final Map<ByteBuffer, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
            return size() > REPLAY_MEMORY;
        }
    };

    /** An issuer. */
    public ReceiptIssuer(ReceiptToken token, Duration window, Clock clock) {
        this.token = token;
        this.window = window;
        this.clock = clock;
    }

    /**
     * The encoded receipt for {@code hello} when {@code request} is valid and new; empty otherwise.
     *
     * @param sampleLimit how many bytes of the hello the receipt may repeat (0 over UDP, where room is scarce)
     */
    public Optional<byte[]> issue(byte[] request, ReceiptTransport transport, ArrivalKind kind, Instant receivedAt,
            InetSocketAddress source, byte[] hello, int sampleLimit, Optional<String> sni, List<String> alpn) {
        return admit(request, ReceiptRequest.Mode.AFTER_ANSWER).map(nonce -> receipt(nonce, transport, kind,
                receivedAt, source, hello, sampleLimit, sni, alpn));
    }

    /**
     * The nonce of {@code request}, which came in {@code mode}, when its tag verifies, it is inside the window and
     * was not seen before (it is then remembered); empty otherwise.
     */
    public Optional<byte[]> admit(byte[] request, ReceiptRequest.Mode mode) {
        Optional<byte[]> nonce = ReceiptRequest.accept(request, token, clock.instant(), window, mode);
        if (nonce.isEmpty()) {
            return Optional.empty();
        }
        synchronized (seen) {
            if (seen.putIfAbsent(ByteBuffer.wrap(nonce.get()), Boolean.TRUE) != null) {
                return Optional.empty();
            }
        }
        return nonce;
    }

    /** The encoded receipt for {@code hello}, to the admitted request with {@code nonce}. */
    public byte[] receipt(byte[] nonce, ReceiptTransport transport, ArrivalKind kind, Instant receivedAt,
            InetSocketAddress source, byte[] hello, int sampleLimit, Optional<String> sni, List<String> alpn) {
        int sample = Math.min(Math.min(sampleLimit, Receipt.MAX_SAMPLE), hello.length);
        Receipt r = new Receipt(transport, kind, nonce, receivedAt, source, hello.length, PathJudge.sha256(hello),
                Arrays.copyOf(hello, sample), sni, alpn);
        return ReceiptCodec.encode(r, token);
    }

    /** The clock receipts are stamped with. */
    public Clock clock() {
        return clock;
    }
}
