package io.mediapath.diagnose.playbook;

import io.mediapath.diagnose.DiagnoseFindingCodes;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP leg: what a browser gets from the relay address. {@code GET /} over TLS (any certificate accepted: the
 * page is what is wanted, the chain is judged by the browser legs), then, when TLS does not complete, the same
 * request in plaintext on the same port (what a transparent proxy answers). Reads at most 32 KiB; sends no
 * credentials, no cookies.
 *
 * <p>Every wait follows the playbook's timer profile, never only the run's deadline: the connect and the first answer
 * byte (the TLS handshake's first record, then the page's first byte after the request) wait at most the profile's
 * {@code answerWait}; once bytes flow, a read waits at most its {@code idleGap}. The read ends as soon as the answer
 * is complete: bytes that cannot start an HTTP answer, the head of a 204/304, the head plus {@code Content-Length}
 * bytes, a chunked body's last chunk, the page's {@code </title>} or {@code </html>}, the peer's close, or 32 KiB. So
 * a middlebox that holds the connection open after its answer (the lab's intercepting proxy, many web gateways)
 * costs an idle gap at most, not the deadline. A slow page reads as what came in time: no first byte within the
 * answer wait is {@code NO_PAGE} for that try (the TLS try then falls back to plaintext), and a page that pauses
 * longer than the idle gap is judged on its head and whatever body arrived (its title may be missing).
 *
 * <p>Verdicts: {@code PROXY_PAGE} (407, a redirect, 403, or a proxy's headers: Via, Proxy-Authenticate,
 * X-Squid-Error), {@code PAGE} (some other page: e.g. coturn answers HTTP on its own ports), {@code NO_PAGE}.
 */
final class HttpPageProbe implements Probe {
    static final String NAME = "http";
    static final int MAX_BYTES = 32 * 1024;
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

    /** What a page said: status line, status, headers a person checks, title. */
    record Page(String scheme, String statusLine, int status, List<String[]> headers, String title) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        boolean proxyLike() {
            return status == 407 || status == 302 || status == 303 || status == 307 || status == 403
                    || header("Via").isPresent() || header("Proxy-Authenticate").isPresent()
                    || header("X-Squid-Error").isPresent();
        }

        String describe() {
            StringBuilder b = new StringBuilder(scheme).append(' ').append(statusLine);
            header("Server").ifPresent(v -> b.append(", Server: ").append(v));
            header("Via").ifPresent(v -> b.append(", Via: ").append(v));
            header("Location").ifPresent(v -> b.append(", Location: ").append(v));
            header("Proxy-Authenticate").ifPresent(v -> b.append(", Proxy-Authenticate: ").append(v));
            header("X-Squid-Error").ifPresent(v -> b.append(", X-Squid-Error: ").append(v));
            if (!title.isEmpty()) {
                b.append(", title \"").append(title).append('"');
            }
            return b.toString();
        }

        /** The product a proxy's page names: Via's or Server's value, else the title. */
        Optional<String> product() {
            if (!proxyLike()) {
                return Optional.empty();
            }
            Optional<String> via = header("Via").map(v -> {
                Matcher m = Pattern.compile("\\(([^)]+)\\)").matcher(v);
                return m.find() ? m.group(1) : v;
            });
            return via.or(() -> header("Server")).or(() -> title.isEmpty() ? Optional.empty() : Optional.of(title));
        }
    }

    private final Optional<String> sni;
    private final Duration answerWait;
    private final Duration idleGap;

    /**
     * The leg.
     *
     * @param sni        the name sent as SNI and Host
     * @param answerWait the longest connect, and the longest wait for the first byte of an answer (the profile's
     *                   connect and handshake wait)
     * @param idleGap    the longest pause once bytes flow (the profile's last STUN wait: rto × rm)
     */
    HttpPageProbe(Optional<String> sni, Duration answerWait, Duration idleGap) {
        this.sni = sni;
        this.answerWait = positive(answerWait, "answerWait");
        this.idleGap = positive(idleGap, "idleGap");
    }

    private static Duration positive(Duration d, String what) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + ": " + d + " (expected: positive)");
        }
        return d;
    }

    /** The probe's result and the page it read, if any. */
    record Fetched(ProbeResult result, Optional<Page> page) {
    }

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        return fetchAsync(target, context).thenApply(Fetched::result);
    }

    /** Runs the leg on a daemon thread; the stage completes by the deadline (each socket wait is bounded by it). */
    CompletableFuture<Fetched> fetchAsync(TransportAddress target, ProbeContext context) {
        CompletableFuture<Fetched> f = new CompletableFuture<>();
        Thread t = new Thread(() -> f.complete(fetch(target, context)), "mediapath-http " + target);
        t.setDaemon(true);
        t.start();
        return f;
    }

    private Fetched fetch(TransportAddress target, ProbeContext ctx) {
        long start = System.nanoTime();
        List<TimelineEvent> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();
        String source = "probe http " + target;
        Page page = null;
        String tlsProblem = null;
        // TLS gets half of what is left, so a proxy that stalls the handshake leaves time for the plaintext try.
        ProbeContext half = new ProbeContext(ctx.deadline().min(ctx.deadline().remaining().dividedBy(2)), ctx.listener());
        try {
            page = get(target, half, true, timeline, start);
        } catch (IOException | RuntimeException e) {
            tlsProblem = String.valueOf(e.getMessage());
            event(timeline, ctx, start, "https.failed", tlsProblem);
        }
        if (page == null && !ctx.deadline().expired()) {
            try {
                page = get(target, ctx, false, timeline, start);
            } catch (IOException | RuntimeException e) {
                event(timeline, ctx, start, "http.failed", String.valueOf(e.getMessage()));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<Finding> findings = new ArrayList<>();
        String verdict;
        if (page == null) {
            verdict = "NO_PAGE";
            findings.add(DiagnoseFindingCodes.HTTP_NO_PAGE.builder()
                    .summary("No web page from " + target + " (TLS: " + (tlsProblem == null ? "no answer" : tlsProblem)
                            + "); a relay serves none, so nothing on the path answered a browser in its place")
                    .evidence(Evidence.step(source, "get", took, "no HTTP answer")).build());
        } else if (page.proxyLike()) {
            verdict = "PROXY_PAGE";
            findings.add(DiagnoseFindingCodes.HTTP_PROXY_PAGE.builder()
                    .summary("A browser going to " + target + " gets a proxy's answer: " + page.describe())
                    .evidence(Evidence.step(source, "get", took, page.describe()))
                    .remedy("The relay address is handled by a web proxy: exempt it by IP address.").build());
        } else {
            verdict = "PAGE";
            findings.add(DiagnoseFindingCodes.HTTP_PAGE.builder()
                    .summary("A browser going to " + target + " gets a page: " + page.describe())
                    .evidence(Evidence.step(source, "get", took, page.describe())).build());
        }
        return new Fetched(new ProbeResult(NAME, target, verdict, !verdict.equals("PROXY_PAGE"), findings, timeline,
                took), Optional.ofNullable(page));
    }

    /** Reads an HTTP answer's status line, headers and title; empty when the bytes are not HTTP. */
    static Optional<Page> parse(String scheme, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/")) {
            return Optional.empty();
        }
        int eol = text.indexOf("\r\n");
        String statusLine = printable(eol < 0 ? text : text.substring(0, eol), 200);
        int status = -1;
        String[] parts = statusLine.split(" ", 3);
        if (parts.length >= 2 && parts[1].length() == 3 && parts[1].chars().allMatch(Character::isDigit)) {
            status = Integer.parseInt(parts[1]);
        }
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        List<String[]> headers = new ArrayList<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length && headers.size() < 64; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {printable(lines[i].substring(0, colon).strip(), 64),
                    printable(lines[i].substring(colon + 1).strip(), 200)});
            }
        }
        String title = "";
        if (end >= 0) {
            Matcher m = TITLE.matcher(text.substring(end));
            if (m.find()) {
                title = printable(m.group(1).replaceAll("\\s+", " ").strip(), 120);
            }
        }
        return Optional.of(new Page(scheme, statusLine, status, headers, title));
    }

    private Page get(TransportAddress target, ProbeContext ctx, boolean tls, List<TimelineEvent> timeline, long start)
            throws IOException {
        Waits waits = new Waits(ctx.deadline(), answerWait, idleGap);
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, waits.nextReadMillis()));
        String scheme = tls ? "https" : "http";
        event(timeline, ctx, start, scheme + ".get", "GET " + scheme + "://" + target + "/");
        try (Socket raw = new TappedSocket(w -> event(timeline, ctx, start, w.length() == 0 ? "connect.done"
                : w.direction() == WirePayload.Direction.SENT ? "bytes.sent" : "bytes.received",
                w.length() == 0 ? "TCP " + w.local() + " -> " + w.remote() : w.length() + " bytes", w), waits)) {
            raw.connect(new InetSocketAddress(target.host(), target.port()), timeout);
            waits.expectAnswer();
            raw.setSoTimeout(timeout);
            Socket s = raw;
            if (tls) {
                SSLSocket ssl = (SSLSocket) trustAll().getSocketFactory().createSocket(raw, target.host(),
                        target.port(), false);
                SSLParameters p = ssl.getSSLParameters();
                sni.ifPresentOrElse(n -> p.setServerNames(List.of(new SNIHostName(n))), () -> p.setServerNames(List.of()));
                ssl.setSSLParameters(p);
                try {
                    ssl.startHandshake();
                } catch (java.net.SocketTimeoutException e) {
                    throw new java.net.SocketTimeoutException("handshake: " + waits.timeoutReason());
                }
                event(timeline, ctx, start, "https.handshake", ssl.getSession().getProtocol() + " "
                        + ssl.getSession().getCipherSuite());
                s = ssl;
            }
            String host = sni.orElse(target.host());
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: mediapath-edge\r\n"
                    + "Accept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            waits.expectAnswer();
            Read got = readBounded(s.getInputStream(), waits);
            event(timeline, ctx, start, scheme + ".read", got.bytes().length + " bytes, ended: " + got.ending());
            if (got.bytes().length == 0) {
                // Nothing came: the try failed (no answer in time, or closed), it did not read "not HTTP".
                throw new IOException("nothing read (" + got.ending() + ")");
            }
            Optional<Page> page = parse(scheme, got.bytes());
            event(timeline, ctx, start, scheme + ".answer", page.map(Page::describe)
                    .orElse(got.bytes().length + " bytes, not HTTP"));
            return page.orElse(null);
        }
    }

    /** What a read got and why it ended (a short phrase for the timeline). */
    record Read(byte[] bytes, String ending) {
    }

    private static Read readBounded(InputStream in, Waits waits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        String ending = "32 KiB read";
        try {
            while (out.size() < MAX_BYTES) {
                int n = in.read(buf, 0, Math.min(buf.length, MAX_BYTES - out.size()));
                if (n < 0) {
                    ending = "closed by the peer";
                    break;
                }
                out.write(buf, 0, n);
                Optional<String> complete = complete(out.toByteArray());
                if (complete.isPresent()) {
                    ending = complete.get();
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // what came is what there is
            ending = waits.timeoutReason();
        } catch (IOException e) {
            if (out.size() == 0) {
                throw e;
            }
            ending = "error: " + e.getMessage();
        }
        return new Read(out.toByteArray(), ending);
    }

    private static final byte[] HTTP_PREFIX = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    /**
     * Whether the answer so far is complete, and why: bytes that cannot start an HTTP answer, the head of a 1xx
     * (other than 101), 204 or 304, the head plus {@code Content-Length} bytes, a chunked body's last chunk, or the
     * page's {@code </title>} or {@code </html>} (the title is what this leg reports). Empty while more may come.
     */
    static Optional<String> complete(byte[] got) {
        for (int i = 0; i < Math.min(got.length, HTTP_PREFIX.length); i++) {
            if (got[i] != HTTP_PREFIX[i]) {
                return Optional.of("not HTTP");
            }
        }
        String text = new String(got, StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("</title>") || lower.contains("</html>")) {
            return Optional.of("page read to its title");
        }
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return Optional.empty();
        }
        int bodyStart = headEnd + 4;
        Optional<Page> head = parse("http", got);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        int status = head.get().status();
        if (status == 204 || status == 304 || (status >= 100 && status < 200 && status != 101)) {
            return Optional.of("head of a " + status + " (no body)");
        }
        Optional<String> te = head.get().header("Transfer-Encoding");
        if (te.isPresent() && te.get().toLowerCase(Locale.ROOT).contains("chunked")) {
            String body = text.substring(bodyStart);
            return body.startsWith("0\r\n") && body.contains("\r\n\r\n") || body.contains("\r\n0\r\n\r\n")
                    ? Optional.of("last chunk") : Optional.empty();
        }
        Optional<String> cl = head.get().header("Content-Length");
        if (cl.isPresent()) {
            try {
                long n = Long.parseLong(cl.get().strip());
                if (n >= 0 && got.length - bodyStart >= n) {
                    return Optional.of("Content-Length " + n + " read");
                }
            } catch (NumberFormatException e) {
                // no usable length: read until the peer closes, pauses or the cap
            }
        }
        return Optional.empty();
    }

    /**
     * The read policy of one try, applied to every read on the socket (the TLS handshake's too): after the connect
     * and after the request, the first byte may take {@code answerWait}; once bytes flow, each read waits at most
     * {@code idleGap}; never past the deadline.
     */
    static final class Waits implements TappedSocket.ReadWaits {
        private final io.mediapath.ice.probe.Deadline deadline;
        private final long answerNanos;
        private final long idleNanos;
        private volatile long answerBy;
        private volatile boolean flowing;

        Waits(io.mediapath.ice.probe.Deadline deadline, Duration answerWait, Duration idleGap) {
            this.deadline = deadline;
            this.answerNanos = answerWait.toNanos();
            this.idleNanos = idleGap.toNanos();
            this.answerBy = System.nanoTime() + answerNanos;
        }

        /** A request went out: its first answer byte may take the answer wait. */
        void expectAnswer() {
            flowing = false;
            answerBy = System.nanoTime() + answerNanos;
        }

        @Override
        public long nextReadMillis() {
            long wait = flowing ? idleNanos : answerBy - System.nanoTime();
            long left = Math.min(wait, deadline.remaining().toNanos());
            return left <= 0 ? 0 : Math.max(1, (left + 999_999) / 1_000_000);
        }

        @Override
        public void received() {
            flowing = true;
        }

        /** Why a read timed out, for the timeline and the leg's detail. */
        String timeoutReason() {
            if (deadline.expired()) {
                return "the deadline";
            }
            return flowing ? "idle " + idleNanos / 1_000_000 + " ms (the profile's idle gap)"
                    : "no answer within " + answerNanos / 1_000_000 + " ms (the profile's answer wait)";
        }
    }

    private static SSLContext trustAll() {
        return TrustAll.CONTEXT;
    }

    // One context for every run: building one (a SecureRandom, the JDK's provider lookups) per probe is work a scan
    // of many targets pays for nothing; the context is thread-safe and holds no per-connection state.
    private static final class TrustAll {
        static final SSLContext CONTEXT = create();
    }

    private static SSLContext create() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // The page is what this leg wants; the browser legs judge the chain.
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable in this JDK", e);
        }
    }

    private static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static void event(List<TimelineEvent> timeline, ProbeContext ctx, long start, String kind, String detail) {
        event(timeline, ctx, start, kind, detail, null);
    }

    private static void event(List<TimelineEvent> timeline, ProbeContext ctx, long start, String kind, String detail,
            WirePayload wire) {
        TimelineEvent e = new TimelineEvent(System.nanoTime() - start, kind, detail, wire);
        timeline.add(e);
        ctx.listener().onEvent(e);
    }
}
