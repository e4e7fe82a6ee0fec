package io.mediapath.ice.receipt;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the responder saw of one arrival. Immutable (the byte arrays are copied in and out).
 *
 * @param transport  UDP datagram, TCP stream, or TLS (raw ClientHello)
 * @param kind       what the responder's classifier read the first bytes as
 * @param nonce      the 16-byte nonce of the probe's {@link ReceiptRequest}: binds the receipt to that probe
 * @param receivedAt the responder's clock when the first byte arrived (millisecond precision)
 * @param source     the source address and port the responder saw
 * @param byteCount  how many bytes it received before the request (the probe's hello), 0 ~ 2^32-1
 * @param sha256     SHA-256 of those bytes
 * @param sample     their first bytes (at most {@link #MAX_SAMPLE}; empty when there was no room, e.g. over UDP)
 * @param sni        the TLS server name it saw, if any
 * @param alpn       the ALPN protocols it saw offered, in order
 */
public record Receipt(ReceiptTransport transport, ArrivalKind kind, byte[] nonce, Instant receivedAt,
        InetSocketAddress source, long byteCount, byte[] sha256, byte[] sample, Optional<String> sni,
        List<String> alpn) {

    /** The most bytes of the arrival a receipt repeats, so a diff can be shown. */
    public static final int MAX_SAMPLE = 512;
    /** The longest SNI or ALPN list (joined by commas) a receipt carries, in bytes. */
    public static final int MAX_NAME = 255;

    public Receipt {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sni, "sni");
        if (nonce.length != ReceiptRequest.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce: " + nonce.length + " bytes (expected: 16)");
        }
        if (sha256.length != 32) {
            throw new IllegalArgumentException("sha256: " + sha256.length + " bytes (expected: 32)");
        }
        if (sample.length > MAX_SAMPLE || sample.length > byteCount) {
            throw new IllegalArgumentException("sample: " + sample.length + " bytes (expected: at most "
                    + Math.min(MAX_SAMPLE, byteCount) + ")");
        }
        if (byteCount < 0 || byteCount > 0xffffffffL) {
            throw new IllegalArgumentException("byteCount: " + byteCount + " (expected: 0 ~ 2^32-1)");
        }
        if (source.isUnresolved()) {
            throw new IllegalArgumentException("source: unresolved " + source.getHostString());
        }
        nonce = nonce.clone();
        sha256 = sha256.clone();
        sample = sample.clone();
        alpn = List.copyOf(alpn);
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public byte[] sample() {
        return sample.clone();
    }

    /** The source as {@code ip:port} ({@code [v6]:port}). */
    public String sourceText() {
        String ip = source.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + source.getPort();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Receipt r && transport == r.transport && kind == r.kind && Arrays.equals(nonce, r.nonce)
                && receivedAt.equals(r.receivedAt) && source.equals(r.source) && byteCount == r.byteCount
                && Arrays.equals(sha256, r.sha256) && Arrays.equals(sample, r.sample) && sni.equals(r.sni)
                && alpn.equals(r.alpn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transport, kind, Arrays.hashCode(nonce), receivedAt, source, byteCount,
                Arrays.hashCode(sha256));
    }

    @Override
    public String toString() {
        return "Receipt[" + transport + " " + kind.label() + " from " + sourceText() + " at " + receivedAt + ", "
                + byteCount + " bytes sha256=" + HexFormat.of().formatHex(sha256, 0, 8) + "…"
                + sni.map(s -> ", sni=" + s).orElse("") + (alpn.isEmpty() ? "" : ", alpn=" + alpn) + "]";
    }
}
