package io.mediapath.lab.proxy;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.netns.NetworkNamespace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A middlebox that decides per connection from the client's first record: <b>splice</b> (forward the bytes
 * untouched to the genuine relay) or <b>bump</b> (hand the connection to an interceptor, e.g. an
 * {@link InterceptingProxy} in {@code FORGE} mode). It reproduces two field behaviours no Debian peer does on
 * demand in-process:
 * <ul>
 * <li>a bypass rule by name: splice when the SNI is the relay's name, bump everything else (the relay's own hello
 * carries no SNI, so it is bumped) — {@link #sniEquals(String)};</li>
 * <li>"tunnel on protocol error": splice what the device cannot inspect (the pseudo-TLS hello), bump real TLS —
 * {@link #pseudoTls()}.</li>
 * </ul>
 * Loopback only; blocking sockets, two threads per connection (a test peer, not a product). The first record is
 * read within two seconds and at most 16 KiB + 5 bytes.
 */
public final class SniRouter implements AutoCloseable {

    /**
     * What the router saw of the client's first bytes.
     *
     * @param sni        the server_name of a TLS ClientHello, if it carried one
     * @param pseudoTls  true for a TLS 1.0 ClientHello offering only cipher 0x0018 (the MS-TURN pseudo-TLS hello)
     * @param tls        true when the first bytes are a TLS handshake record
     */
    public record Hello(Optional<String> sni, boolean pseudoTls, boolean tls) {
    }

    private final ServerSocket server;
    private final TransportAddress splice;
    private final TransportAddress bump;
    private final Predicate<Hello> spliceWhen;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong spliced = new AtomicLong();
    private final AtomicLong bumped = new AtomicLong();

    private SniRouter(TransportAddress splice, TransportAddress bump, Predicate<Hello> spliceWhen) throws IOException {
        this.splice = splice;
        this.bump = bump;
        this.spliceWhen = spliceWhen;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "sni-router " + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts a router on 127.0.0.1 (ephemeral port).
     *
     * @param splice     the genuine relay, for spliced connections
     * @param bump       the interceptor, for the others
     * @param spliceWhen which hellos are spliced
     */
    public static SniRouter start(TransportAddress splice, TransportAddress bump, Predicate<Hello> spliceWhen) {
        for (TransportAddress a : new TransportAddress[] {splice, bump}) {
            try {
                if (!NetworkNamespace.isLoopback(InetAddress.getByName(a.host()))) {
                    throw new IllegalArgumentException("upstream " + a + " (expected: a loopback address)");
                }
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("upstream " + a + " (expected: an IP literal)", e);
            }
        }
        try {
            return new SniRouter(splice, bump, Objects.requireNonNull(spliceWhen, "spliceWhen"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Splice when the SNI equals {@code name} (case-insensitive): a bypass list by name. */
    public static Predicate<Hello> sniEquals(String name) {
        Objects.requireNonNull(name, "name");
        return h -> h.sni().map(s -> s.equalsIgnoreCase(name)).orElse(false);
    }

    /** Splice the pseudo-TLS hello (it cannot be inspected), bump real TLS: "tunnel on protocol error". */
    public static Predicate<Hello> pseudoTls() {
        return Hello::pseudoTls;
    }

    /** Where clients connect. */
    public TransportAddress address() {
        return new TransportAddress("127.0.0.1", server.getLocalPort());
    }

    /** Connections spliced to the relay so far. */
    public long spliced() {
        return spliced.get();
    }

    /** Connections handed to the interceptor so far. */
    public long bumped() {
        return bumped.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                open.add(c);
                Thread t = new Thread(() -> handle(c), "sni-router conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(2000);
            byte[] first = readFirstRecord(client.getInputStream());
            Hello h = parse(first);
            boolean doSplice = spliceWhen.test(h);
            (doSplice ? spliced : bumped).incrementAndGet();
            TransportAddress to = doSplice ? splice : bump;
            try (Socket up = new Socket()) {
                open.add(up);
                up.connect(new InetSocketAddress(to.host(), to.port()), 2000);
                up.getOutputStream().write(first);
                up.getOutputStream().flush();
                client.setSoTimeout(0);
                Thread back = new Thread(() -> pipe(up, client), "sni-router back");
                back.setDaemon(true);
                back.start();
                pipe(client, up);
                back.join(2000);
            } finally {
                open.removeIf(Socket::isClosed);
            }
        } catch (IOException | InterruptedException e) {
            // the client or the upstream went away: the connection ends
        } finally {
            open.remove(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static byte[] readFirstRecord(InputStream in) throws IOException {
        byte[] buf = new byte[5 + 16384];
        int n = 0;
        try {
            while (n < 5) {
                int r = in.read(buf, n, 5 - n);
                if (r < 0) {
                    return Arrays.copyOf(buf, n);
                }
                n += r;
            }
            if (buf[0] != 0x16) {
                return Arrays.copyOf(buf, n); // not TLS: route on what came
            }
            int len = Math.min(16384, ((buf[3] & 0xff) << 8) | (buf[4] & 0xff));
            while (n < 5 + len) {
                int r = in.read(buf, n, 5 + len - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (SocketTimeoutException e) {
            // route on what came
        }
        return Arrays.copyOf(buf, n);
    }

    /** Reads the SNI and the pseudo-TLS shape of a ClientHello record; anything malformed is "no SNI". */
    static Hello parse(byte[] r) {
        if (r.length < 9 || r[0] != 0x16 || r[5] != 0x01) {
            return new Hello(Optional.empty(), false, r.length > 0 && r[0] == 0x16);
        }
        try {
            int p = 9;
            p += 2 + 32; // legacy version, random
            p += 1 + (r[p] & 0xff); // session id
            int cipherLen = u16(r, p);
            int ciphersAt = p + 2;
            p += 2 + cipherLen;
            boolean pseudo = r[1] == 0x03 && r[2] == 0x01 && cipherLen == 2 && (r[ciphersAt] & 0xff) == 0x00
                    && (r[ciphersAt + 1] & 0xff) == 0x18;
            p += 1 + (r[p] & 0xff); // compression
            if (p + 2 > r.length) {
                return new Hello(Optional.empty(), pseudo, true);
            }
            int end = Math.min(r.length, p + 2 + u16(r, p));
            p += 2;
            while (p + 4 <= end) {
                int type = u16(r, p);
                int len = u16(r, p + 2);
                p += 4;
                if (type == 0 && p + 5 <= end) {
                    int nameLen = u16(r, p + 3);
                    if (r[p + 2] == 0 && p + 5 + nameLen <= end) {
                        return new Hello(Optional.of(new String(r, p + 5, nameLen, StandardCharsets.US_ASCII)),
                                pseudo, true);
                    }
                }
                p += len;
            }
            return new Hello(Optional.empty(), pseudo, true);
        } catch (ArrayIndexOutOfBoundsException e) {
            return new Hello(Optional.empty(), false, true);
        }
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
