package io.mediapath.responder;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.probe.Deadline;
import io.mediapath.ice.probe.Probe;
import io.mediapath.ice.probe.ProbeContext;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.ice.receipt.PathConclusion;
import io.mediapath.ice.receipt.PathJudge;
import io.mediapath.ice.receipt.PathVerdict;
import io.mediapath.ice.receipt.ReceiptCheck;
import io.mediapath.ice.receipt.ReceiptFormatException;
import io.mediapath.ice.receipt.ReceiptFrames;
import io.mediapath.ice.receipt.ReceiptRequest;
import io.mediapath.ice.receipt.ReceiptToken;
import io.mediapath.ice.receipt.ReceiptVerifier;
import io.mediapath.ice.wire.PseudoTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The near end of one leg: sends the leg's hello to a {@link Responder}, asks for a receipt with a request tagged
 * under the shared token, verifies the receipt (ice-core's {@link ReceiptVerifier}) and concludes with
 * {@link PathJudge}. Plain JDK sockets on the caller's (or a fresh daemon) thread; every wait is bounded by the
 * deadline. The token is used for the tag and the MAC only and never appears in a result.
 *
 * <p>Over UDP the Binding request is padded (a PADDING attribute, 0x0026) so the responder can fit the receipt in
 * its answer without sending more bytes than it received. Over TLS any certificate is accepted: the receipt, not the
 * chain, proves who answered; the chain is shown in {@link LegProof#answer()}.
 *
 * <p>{@link #insteadOfAnswer()} asks for the receipt in place of the relay's answer: over TCP the request frame
 * ({@code F5 'M' 'P' 'I'}) goes first, then the leg's hello (the STUN Binding, the pseudo-TLS hello, the TLS
 * ClientHello, and no more of the handshake), and the one thing expected back is the receipt frame; over UDP the
 * Binding carries the request in {@link ReceiptFrames#STUN_RECEIPT_INSTEAD} and the answer expected is a bare
 * receipt frame. What came instead (a relay answer, a middlebox's bytes) is described in {@link LegProof#answer()}.
 */
public final class ReceiptProbe implements Probe {

    /** The UDP request's size: room for the answer with a receipt (no sample) of an IPv6 source. */
    static final int UDP_REQUEST_SIZE = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProofLeg leg;
    private final ReceiptToken token;
    private final String serverName;
    private final Clock clock;
    private final InetAddress localAddress;
    private final ReceiptRequest.Mode mode;

    private ReceiptProbe(ProofLeg leg, ReceiptToken token, String serverName, Clock clock, InetAddress local,
            ReceiptRequest.Mode mode) {
        this.leg = leg;
        this.token = token;
        this.serverName = serverName;
        this.clock = clock;
        this.localAddress = local;
        this.mode = mode;
    }

    /** A probe of {@code leg}; {@code serverName} is the TLS SNI (null: none). */
    public static ReceiptProbe of(ProofLeg leg, ReceiptToken token, String serverName) {
        return new ReceiptProbe(Objects.requireNonNull(leg, "leg"), Objects.requireNonNull(token, "token"), serverName,
                Clock.systemUTC(), null, ReceiptRequest.Mode.AFTER_ANSWER);
    }

    /** The same probe bound to one local address (null: the system's choice). */
    public ReceiptProbe localAddress(InetAddress local) {
        return new ReceiptProbe(leg, token, serverName, clock, local, mode);
    }

    /** The same probe asking for the receipt in place of the relay's answer (see the class comment). */
    public ReceiptProbe insteadOfAnswer() {
        return new ReceiptProbe(leg, token, serverName, clock, localAddress, ReceiptRequest.Mode.INSTEAD_OF_ANSWER);
    }

    /** When the receipt is asked for: after the relay's answer (the default) or in place of it. */
    public ReceiptRequest.Mode mode() {
        return mode;
    }

    /** The leg. */
    public ProofLeg leg() {
        return leg;
    }

    @Override
    public CompletionStage<ProbeResult> run(TransportAddress target, ProbeContext context) {
        CompletableFuture<ProbeResult> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                LegProof p = prove(target, context.deadline());
                f.complete(new ProbeResult("receipt-" + leg.label(), target, p.conclusion().name(),
                        p.conclusion() == PathConclusion.REACHED, List.of(), List.of(), p.elapsed()));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        }, "mediapath-receipt-" + leg.label());
        t.setDaemon(true);
        t.start();
        return f;
    }

    /**
     * Runs the leg against {@code target} (its UDP or TCP address) and concludes. Never throws for network
     * trouble: a refused or silent target is a conclusion ({@link PathConclusion#DROPPED}).
     */
    public LegProof prove(TransportAddress target, Deadline deadline) {
        long start = System.nanoTime();
        Exchange x = new Exchange();
        x.request = ReceiptRequest.create(token, clock.instant(), mode);
        x.sentAt = clock.instant();
        try {
            InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
            if (mode == ReceiptRequest.Mode.INSTEAD_OF_ANSWER && !leg.udp()) {
                instead(remote, deadline, x);
            } else {
                switch (leg) {
                    case UDP -> udp(remote, deadline, x);
                    case TCP, PSEUDO_TLS -> tcp(remote, deadline, x);
                    case TLS -> tls(remote, deadline, x);
                    default -> throw new IllegalStateException(leg.name());
                }
            }
        } catch (IOException | RuntimeException e) {
            if (x.answer.equals("nothing")) {
                x.answer = "nothing (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                        + e.getMessage()) + ")";
            }
        }
        ReceiptCheck check = x.receipt == null ? new ReceiptCheck.Absent()
                : ReceiptVerifier.of(token).check(x.receipt, x.request, x.sentAt);
        InetSocketAddress local = x.local == null ? new InetSocketAddress(0) : x.local;
        PathVerdict v = PathJudge.judge(x.hello, local, x.answered, check);
        return new LegProof(leg, target, local, x.answer, v, Duration.ofNanos(System.nanoTime() - start));
    }

    private static final class Exchange {
        ReceiptRequest request;
        Instant sentAt;
        byte[] hello = new byte[0];
        boolean answered;
        String answer = "nothing";
        byte[] receipt;
        InetSocketAddress local;
    }

    private void udp(InetSocketAddress remote, Deadline deadline, Exchange x) throws IOException {
        byte[] txid = new byte[12];
        RANDOM.nextBytes(txid);
        byte[] req = new byte[UDP_REQUEST_SIZE];
        req[1] = 0x01; // Binding request
        int len = UDP_REQUEST_SIZE - 20;
        req[2] = (byte) (len >>> 8);
        req[3] = (byte) len;
        req[4] = 0x21;
        req[5] = 0x12;
        req[6] = (byte) 0xA4;
        req[7] = 0x42;
        System.arraycopy(txid, 0, req, 8, 12);
        int p = 20;
        int attribute = mode == ReceiptRequest.Mode.INSTEAD_OF_ANSWER ? ReceiptFrames.STUN_RECEIPT_INSTEAD
                : ReceiptFrames.STUN_RECEIPT_REQUEST;
        req[p] = (byte) (attribute >>> 8);
        req[p + 1] = (byte) attribute;
        req[p + 3] = ReceiptRequest.LENGTH;
        System.arraycopy(x.request.bytes(), 0, req, p + 4, ReceiptRequest.LENGTH);
        p += 4 + ReceiptRequest.LENGTH;
        int pad = UDP_REQUEST_SIZE - p - 4;
        req[p] = 0x00;
        req[p + 1] = 0x26; // PADDING (RFC 5780)
        req[p + 2] = (byte) (pad >>> 8);
        req[p + 3] = (byte) pad;
        x.hello = req;
        try (DatagramSocket s = localAddress == null ? new DatagramSocket() : new DatagramSocket(0, localAddress)) {
            s.connect(remote);
            x.local = new InetSocketAddress(s.getLocalAddress(), s.getLocalPort());
            byte[] in = new byte[2048];
            long rto = 500;
            while (!deadline.expired()) {
                s.send(new DatagramPacket(req, req.length));
                long until = System.nanoTime() + Math.min(rto, Math.max(1, deadline.remaining().toMillis())) * 1_000_000L;
                while (System.nanoTime() < until) {
                    s.setSoTimeout((int) Math.max(1, (until - System.nanoTime()) / 1_000_000L));
                    DatagramPacket d = new DatagramPacket(in, in.length);
                    try {
                        s.receive(d);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    x.answered = true;
                    byte[] msg = Arrays.copyOf(in, d.getLength());
                    if (mode == ReceiptRequest.Mode.INSTEAD_OF_ANSWER
                            && ReceiptFrames.startsWith(msg, 0, msg.length, ReceiptFrames.RECEIPT_MAGIC)) {
                        x.answer = "a receipt in place of the answer";
                        try {
                            x.receipt = ReceiptFrames.body(msg, ReceiptFrames.RECEIPT_MAGIC);
                        } catch (ReceiptFormatException e) {
                            x.answer = "a malformed receipt frame (" + msg.length + " bytes)";
                        }
                        return;
                    }
                    if (msg.length >= 20 && Arrays.equals(Arrays.copyOfRange(msg, 8, 20), txid)) {
                        x.answer = describeStun(msg);
                        x.receipt = stunAttribute(msg, ReceiptFrames.STUN_RECEIPT).orElse(null);
                        return;
                    }
                    x.answer = "a datagram that is not the answer to this request (" + msg.length + " bytes)";
                }
                rto *= 2;
            }
        }
    }

    private static String describeStun(byte[] msg) {
        int type = ((msg[0] & 0xff) << 8) | (msg[1] & 0xff);
        return type == 0x0101 ? "STUN Binding success" : "STUN message type 0x" + Integer.toHexString(type);
    }

    static Optional<byte[]> stunAttribute(byte[] msg, int wanted) {
        int total = Math.min(msg.length, 20 + (((msg[2] & 0xff) << 8) | (msg[3] & 0xff)));
        for (int p = 20; p + 4 <= total; ) {
            int t = ((msg[p] & 0xff) << 8) | (msg[p + 1] & 0xff);
            int l = ((msg[p + 2] & 0xff) << 8) | (msg[p + 3] & 0xff);
            if (p + 4 + l > total) {
                return Optional.empty();
            }
            if (t == wanted) {
                return Optional.of(Arrays.copyOfRange(msg, p + 4, p + 4 + l));
            }
            p += 4 + ((l + 3) & ~3);
        }
        return Optional.empty();
    }

    private Socket connect(InetSocketAddress remote, Deadline deadline, Exchange x) throws IOException {
        Socket s = new Socket();
        try {
            if (localAddress != null) {
                s.bind(new InetSocketAddress(localAddress, 0));
            }
            s.connect(remote, (int) Math.max(1, deadline.remaining().toMillis()));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        x.local = new InetSocketAddress(s.getLocalAddress(), s.getLocalPort());
        x.answered = true; // the SYN-ACK came: something accepted in the responder's name
        x.answer = "TCP connect accepted";
        return s;
    }

    private void tcp(InetSocketAddress remote, Deadline deadline, Exchange x) throws IOException {
        try (Socket s = connect(remote, deadline, x)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            if (leg == ProofLeg.TCP) {
                x.hello = tcpBinding();
                out.write(x.hello);
                out.flush();
                byte[] head = readUpTo(s, in, 20, deadline);
                int len = head.length == 20 ? ((head[2] & 0xff) << 8) | (head[3] & 0xff) : -1;
                if (head.length < 20 || (head[0] & 0xC0) != 0 || len > 2048 || len % 4 != 0) {
                    x.answer = head.length == 0 ? "TCP connect accepted, then no answer to the STUN Binding"
                            : "not a STUN answer: " + PseudoTls.describe(head, head.length);
                    return;
                }
                byte[] rest = readUpTo(s, in, len, deadline);
                x.answer = rest.length < len ? "a STUN answer cut short" : describeStun(head);
                if (rest.length < len) {
                    return;
                }
            }
            if (leg == ProofLeg.PSEUDO_TLS) {
                x.hello = PseudoTls.hello();
                out.write(x.hello);
                out.flush();
                byte[] a = readUpTo(s, in, PseudoTls.ANSWER_LENGTH, deadline);
                x.answer = a.length == 0 ? "TCP connect accepted, then no answer to the pseudo-TLS hello"
                        : PseudoTls.matches(a) ? "the genuine 83-byte pseudo-TLS answer"
                        : PseudoTls.describe(a, a.length) + " (" + a.length + " bytes)";
                if (!PseudoTls.matches(a)) {
                    return; // the bytes were not the relay's: whatever sent them holds no receipt for us
                }
            }
            out.write(ReceiptFrames.request(x.request));
            out.flush();
            x.receipt = readFrame(s, in, deadline);
        }
    }

    /**
     * The receipt in place of the answer over TCP: the request frame, then the leg's hello, then one receipt frame
     * expected back (anything else is described, not believed).
     */
    private void instead(InetSocketAddress remote, Deadline deadline, Exchange x) throws IOException {
        x.hello = switch (leg) {
            case TCP -> tcpBinding();
            case PSEUDO_TLS -> PseudoTls.hello();
            case TLS -> clientHello(remote);
            default -> throw new IllegalStateException(leg.name());
        };
        try (Socket s = connect(remote, deadline, x)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(ReceiptFrames.request(x.request));
            out.write(x.hello);
            out.flush();
            byte[] head = readUpTo(s, in, ReceiptFrames.HEADER_LENGTH, deadline);
            if (head.length == 0) {
                x.answer = "TCP connect accepted, then no answer to the request for a receipt in place of the answer";
                return;
            }
            int total;
            try {
                total = ReceiptFrames.frameLength(head, 0, head.length, ReceiptFrames.RECEIPT_MAGIC);
            } catch (ReceiptFormatException e) {
                x.answer = "not a receipt: " + PseudoTls.describe(head, head.length);
                return;
            }
            byte[] body = total < 0 ? new byte[0] : readUpTo(s, in, total - ReceiptFrames.HEADER_LENGTH, deadline);
            if (total < 0 || body.length != total - ReceiptFrames.HEADER_LENGTH) {
                x.answer = "a receipt frame cut short";
                return;
            }
            x.answer = "a receipt in place of the answer";
            x.receipt = body;
        }
    }

    /** The first flight of a TLS handshake to {@code remote} (the ClientHello record), without going further. */
    private byte[] clientHello(InetSocketAddress remote) throws IOException {
        SSLEngine e = engine(remote);
        ByteBuffer netOut = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.beginHandshake();
        e.wrap(ByteBuffer.allocate(0), netOut);
        netOut.flip();
        byte[] b = new byte[netOut.remaining()];
        netOut.get(b);
        return b;
    }

    /** A STUN Binding request for TCP: a SOFTWARE attribute names the probe (bytes a rewriting proxy may touch). */
    private static byte[] tcpBinding() {
        byte[] software = "mediapath receipt probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int padded = (software.length + 3) & ~3;
        byte[] b = new byte[20 + 4 + padded];
        b[1] = 0x01;
        b[3] = (byte) (4 + padded);
        b[4] = 0x21;
        b[5] = 0x12;
        b[6] = (byte) 0xA4;
        b[7] = 0x42;
        byte[] txid = new byte[12];
        RANDOM.nextBytes(txid);
        System.arraycopy(txid, 0, b, 8, 12);
        b[20] = (byte) 0x80;
        b[21] = 0x22; // SOFTWARE
        b[23] = (byte) software.length;
        System.arraycopy(software, 0, b, 24, software.length);
        return b;
    }

    private static byte[] readUpTo(Socket s, InputStream in, int n, Deadline deadline) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] b = new byte[n];
        while (got.size() < n && !deadline.expired()) {
            s.setSoTimeout((int) Math.max(1, deadline.remaining().toMillis()));
            int r;
            try {
                r = in.read(b, 0, n - got.size());
            } catch (SocketTimeoutException | java.net.SocketException e) {
                break;
            }
            if (r < 0) {
                break;
            }
            got.write(b, 0, r);
        }
        return got.toByteArray();
    }

    private static byte[] readFrame(Socket s, InputStream in, Deadline deadline) throws IOException {
        byte[] head = readUpTo(s, in, ReceiptFrames.HEADER_LENGTH, deadline);
        if (head.length < ReceiptFrames.HEADER_LENGTH) {
            return null;
        }
        int total;
        try {
            total = ReceiptFrames.frameLength(head, 0, head.length, ReceiptFrames.RECEIPT_MAGIC);
        } catch (ReceiptFormatException e) {
            return null;
        }
        byte[] body = readUpTo(s, in, total - ReceiptFrames.HEADER_LENGTH, deadline);
        return body.length == total - ReceiptFrames.HEADER_LENGTH ? body : null;
    }

    // ---- TLS: the JDK's engine, driven by hand so the ClientHello's exact bytes are known ----

    private void tls(InetSocketAddress remote, Deadline deadline, Exchange x) throws IOException {
        SSLEngine e = engine(remote);
        try (Socket s = connect(remote, deadline, x)) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            int packet = e.getSession().getPacketBufferSize();
            ByteBuffer netIn = ByteBuffer.allocate(packet * 2);
            ByteBuffer app = ByteBuffer.allocate(e.getSession().getApplicationBufferSize() + 64);
            ByteBuffer netOut = ByteBuffer.allocate(packet);
            boolean first = true;
            e.beginHandshake();
            while (!deadline.expired()) {
                SSLEngineResult.HandshakeStatus hs = e.getHandshakeStatus();
                if (hs == SSLEngineResult.HandshakeStatus.FINISHED || hs == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                    break;
                }
                switch (hs) {
                    case NEED_WRAP -> {
                        netOut.clear();
                        e.wrap(ByteBuffer.allocate(0), netOut);
                        netOut.flip();
                        byte[] b = new byte[netOut.remaining()];
                        netOut.get(b);
                        if (first) {
                            x.hello = b; // the ClientHello record(s), as the responder should receive them
                            first = false;
                        }
                        out.write(b);
                        out.flush();
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        netIn.flip();
                        SSLEngineResult r = e.unwrap(netIn, app);
                        netIn.compact();
                        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                                || (r.bytesConsumed() == 0 && r.getHandshakeStatus() == hs)) {
                            if (!fill(s, in, netIn, deadline)) {
                                x.answer = x.answer + "; the TLS handshake did not complete";
                                return;
                            }
                            x.answer = "TLS answered";
                        } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            return;
                        }
                    }
                    case NEED_TASK -> {
                        Runnable task;
                        while ((task = e.getDelegatedTask()) != null) {
                            task.run();
                        }
                    }
                    default -> throw new IllegalStateException(hs.name());
                }
            }
            x.answer = "TLS handshake with " + peer(e);
            netOut.clear();
            e.wrap(ByteBuffer.wrap(ReceiptFrames.request(x.request)), netOut);
            netOut.flip();
            byte[] b = new byte[netOut.remaining()];
            netOut.get(b);
            out.write(b);
            out.flush();
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            while (!deadline.expired()) {
                netIn.flip();
                app.clear();
                SSLEngineResult r = e.unwrap(netIn, app);
                netIn.compact();
                app.flip();
                byte[] chunk = new byte[app.remaining()];
                app.get(chunk);
                plain.writeBytes(chunk);
                byte[] have = plain.toByteArray();
                try {
                    int total = ReceiptFrames.frameLength(have, 0, have.length, ReceiptFrames.RECEIPT_MAGIC);
                    if (total > 0 && have.length >= total) {
                        x.receipt = Arrays.copyOfRange(have, ReceiptFrames.HEADER_LENGTH, total);
                        return;
                    }
                } catch (ReceiptFormatException notAReceipt) {
                    return;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    return;
                }
                // Read more only when the engine could not use what is buffered: a session ticket and the receipt
                // may have come in one read, followed by the responder's close.
                boolean progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
                if ((r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || !progress)
                        && !fill(s, in, netIn, deadline)) {
                    return;
                }
            }
        } catch (SSLException tlsFailure) {
            x.answer = x.answer + "; TLS failed: " + tlsFailure.getMessage();
        }
    }

    private static boolean fill(Socket s, InputStream in, ByteBuffer netIn, Deadline deadline) throws IOException {
        if (deadline.expired() || !netIn.hasRemaining()) {
            return false;
        }
        s.setSoTimeout((int) Math.max(1, deadline.remaining().toMillis()));
        int r;
        try {
            r = in.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        } catch (SocketTimeoutException | java.net.SocketException e) {
            return false;
        }
        if (r < 0) {
            return false;
        }
        netIn.position(netIn.position() + r);
        return true;
    }

    private SSLEngine engine(InetSocketAddress remote) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AcceptAny()}, RANDOM);
            SSLEngine e = ctx.createSSLEngine(serverName != null ? serverName : remote.getHostString(), remote.getPort());
            e.setUseClientMode(true);
            SSLParameters p = e.getSSLParameters();
            if (serverName != null && !TransportAddress.isIpLiteral(serverName)) {
                p.setServerNames(List.of(new SNIHostName(serverName)));
            }
            e.setSSLParameters(p);
            return e;
        } catch (java.security.GeneralSecurityException ex) {
            throw new IOException("TLS unavailable: " + ex.getMessage(), ex);
        }
    }

    private static String peer(SSLEngine e) {
        try {
            Certificate[] chain = e.getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate c) {
                return "certificate " + c.getSubjectX500Principal().getName() + " issued by "
                        + c.getIssuerX500Principal().getName();
            }
        } catch (javax.net.ssl.SSLPeerUnverifiedException ignored) {
            // no chain: say so below
        }
        return "no certificate";
    }

    /** Accepts any chain: the receipt proves who answered; the chain is only shown. */
    private static final class AcceptAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
