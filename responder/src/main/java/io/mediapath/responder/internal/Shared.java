package io.mediapath.responder.internal;

import io.mediapath.ice.receipt.ArrivalKind;
import io.mediapath.sdp.TerminalText;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** What every handler of one responder shares: limits, accounting, the issuer, the TLS context, counters, the log. */
public final class Shared {

    final SourceTable sources;
    final Optional<ReceiptIssuer> issuer;
    final SslContext tls;
    final String realm;
    final String nonce;
    final long helloTimeoutNanos;
    final int maxConnections;
    private final Consumer<String> log;

    /** Counters, read by {@code Responder.stats()}. */
    public final AtomicLong arrivals = new AtomicLong();
    /** Refused arrivals. */
    public final AtomicLong refused = new AtomicLong();
    /** Answers sent. */
    public final AtomicLong answers = new AtomicLong();
    /** Receipts issued. */
    public final AtomicLong receipts = new AtomicLong();
    /** UDP bytes in. */
    public final AtomicLong udpIn = new AtomicLong();
    /** UDP bytes out. */
    public final AtomicLong udpOut = new AtomicLong();
    /** Open TCP connections. */
    public final AtomicInteger open = new AtomicInteger();

    /** The shared state. */
    public Shared(SourceTable sources, Optional<ReceiptIssuer> issuer, SslContext tls, String realm,
            long helloTimeoutNanos, int maxConnections, Consumer<String> log) {
        this.sources = sources;
        this.issuer = issuer;
        this.tls = tls;
        this.realm = realm;
        byte[] n = new byte[12];
        new SecureRandom().nextBytes(n);
        this.nonce = HexFormat.of().formatHex(n);
        this.helloTimeoutNanos = helloTimeoutNanos;
        this.maxConnections = maxConnections;
        this.log = log;
    }

    /**
     * One line per arrival: time, transport, source → listener, kind, bytes, what was answered, the receipt, SNI and
     * ALPN. Never the token, never the request's tag; SNI/ALPN escaped for terminals.
     */
    void arrival(Instant at, String transport, InetSocketAddress source, InetSocketAddress local, ArrivalKind kind,
            long bytes, String answer, String receipt, Optional<String> sni, List<String> alpn) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(at).append(' ').append(transport).append(' ').append(text(source)).append(" -> ")
                .append(text(local)).append(' ').append(kind.label()).append(' ').append(bytes).append("B answer=")
                .append(answer).append(" receipt=").append(receipt);
        sni.ifPresent(s -> sb.append(" sni=").append(TerminalText.escape(s)));
        if (!alpn.isEmpty()) {
            sb.append(" alpn=").append(TerminalText.escape(String.join(",", alpn)));
        }
        try {
            log.accept(sb.toString());
        } catch (RuntimeException e) {
            // a failing log sink must not take the responder down
        }
    }

    static String text(InetSocketAddress a) {
        if (a == null) {
            return "?";
        }
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }
}
