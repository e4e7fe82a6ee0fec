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
 * request in plaintext on the same port (what a transparent proxy answers). Reads at most 32 KiB, within the
 * deadline; sends no credentials, no cookies.
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

    HttpPageProbe(Optional<String> sni) {
        this.sni = sni;
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
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, ctx.deadline().remaining().toMillis()));
        String scheme = tls ? "https" : "http";
        event(timeline, ctx, start, scheme + ".get", "GET " + scheme + "://" + target + "/");
        try (Socket raw = new TappedSocket(w -> event(timeline, ctx, start, w.length() == 0 ? "connect.done"
                : w.direction() == WirePayload.Direction.SENT ? "bytes.sent" : "bytes.received",
                w.length() == 0 ? "TCP " + w.local() + " -> " + w.remote() : w.length() + " bytes", w))) {
            raw.connect(new InetSocketAddress(target.host(), target.port()), timeout);
            raw.setSoTimeout(timeout);
            Socket s = raw;
            if (tls) {
                SSLSocket ssl = (SSLSocket) trustAll().getSocketFactory().createSocket(raw, target.host(),
                        target.port(), false);
                SSLParameters p = ssl.getSSLParameters();
                sni.ifPresentOrElse(n -> p.setServerNames(List.of(new SNIHostName(n))), () -> p.setServerNames(List.of()));
                ssl.setSSLParameters(p);
                ssl.setSoTimeout(timeout);
                ssl.startHandshake();
                event(timeline, ctx, start, "https.handshake", ssl.getSession().getProtocol() + " "
                        + ssl.getSession().getCipherSuite());
                s = ssl;
            }
            String host = sni.orElse(target.host());
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: mediapath-edge\r\n"
                    + "Accept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] got = readBounded(s.getInputStream(), ctx);
            Optional<Page> page = parse(scheme, got);
            event(timeline, ctx, start, scheme + ".answer", page.map(Page::describe)
                    .orElse(got.length + " bytes, not HTTP"));
            return page.orElse(null);
        }
    }

    private static byte[] readBounded(InputStream in, ProbeContext ctx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            while (out.size() < MAX_BYTES && !ctx.deadline().expired()) {
                int n = in.read(buf, 0, Math.min(buf.length, MAX_BYTES - out.size()));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                String sofar = out.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                if (sofar.contains("</title>") || sofar.contains("</html>")) {
                    break;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            // what came is what there is
        } catch (IOException e) {
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private static SSLContext trustAll() {
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
