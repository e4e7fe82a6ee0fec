package io.mediapath.tls;

import io.mediapath.ice.TransportAddress;
import io.mediapath.ice.wire.PseudoTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process peer on 127.0.0.1 answering the first bytes it reads the way a relay or a middlebox does. One
 * thread per connection; closed by {@link #close()}.
 */
final class TestPeer implements AutoCloseable {

    enum Mode { GENUINE_PSEUDO_TLS, SPLIT_WITH_CERTIFICATE, SPLIT_NO_CERTIFICATE, HTTP_407, HTTP_302, RST, FIN, SILENCE,
        ALERT, GARBAGE }

    static final String PAGE = "<html><head><title>Authentication Required</title></head><body>log in</body></html>";

    private final ServerSocket server;
    private final Mode mode;
    private final byte[] certificateDer;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    TestPeer(Mode mode, byte[] certificateDer) {
        this.mode = mode;
        this.certificateDer = certificateDer;
        try {
            server = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread t = new Thread(this::acceptLoop, "test-peer-" + mode);
        t.setDaemon(true);
        t.start();
    }

    TestPeer(Mode mode) {
        this(mode, null);
    }

    TransportAddress address() {
        return new TransportAddress("127.0.0.1", server.getLocalPort());
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> handle(s), "test-peer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            if (in.read(buf) < 0) {
                return;
            }
            OutputStream out = s.getOutputStream();
            SecureRandom r = new SecureRandom();
            byte[] rnd = new byte[32];
            byte[] sid = new byte[32];
            r.nextBytes(rnd);
            r.nextBytes(sid);
            byte[] genuine = PseudoTls.answer(rnd, sid);
            switch (mode) {
                case GENUINE_PSEUDO_TLS -> {
                    out.write(genuine);
                    out.flush();
                    in.read(buf); // keep open until the client closes
                }
                case SPLIT_WITH_CERTIFICATE, SPLIT_NO_CERTIFICATE -> {
                    // ServerHello alone in its record and write, then Certificate + ServerHelloDone (the Websense capture)
                    byte[] sh = new byte[5 + 74];
                    System.arraycopy(genuine, 0, sh, 0, 5 + 74);
                    sh[3] = 0;
                    sh[4] = 74;
                    out.write(sh);
                    out.flush();
                    Thread.sleep(120); // long enough that a loaded machine still delivers two reads, short of the probe's wait for the rest
                    byte[] hs;
                    if (mode == Mode.SPLIT_WITH_CERTIFICATE) {
                        int n = certificateDer.length;
                        hs = new byte[4 + 3 + 3 + n + 4];
                        hs[0] = 11;
                        put24(hs, 1, 6 + n);
                        put24(hs, 4, 3 + n);
                        put24(hs, 7, n);
                        System.arraycopy(certificateDer, 0, hs, 10, n);
                        hs[10 + n] = 14;
                    } else {
                        hs = new byte[] {14, 0, 0, 0};
                    }
                    byte[] rec = new byte[5 + hs.length];
                    rec[0] = 22;
                    rec[1] = 3;
                    rec[2] = 1;
                    rec[3] = (byte) (hs.length >> 8);
                    rec[4] = (byte) hs.length;
                    System.arraycopy(hs, 0, rec, 5, hs.length);
                    out.write(rec);
                    out.flush();
                    in.read(buf);
                }
                case HTTP_407, HTTP_302 -> {
                    String head = mode == Mode.HTTP_407
                            ? "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"Web Gateway\"\r\n"
                                    + "Server: squid/5.7\r\nX-Squid-Error: ERR_CACHE_ACCESS_DENIED 0\r\n"
                            : "HTTP/1.1 302 Found\r\nLocation: http://gateway.lab.invalid:15871/cgi-bin/auth?ws-session=1\r\n";
                    out.write((head + "Content-Type: text/html\r\nContent-Length: " + PAGE.length()
                            + "\r\nConnection: close\r\n\r\n" + PAGE).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                case RST -> s.setSoLinger(true, 0);
                case FIN -> { }
                case SILENCE -> {
                    while (!closed && in.read(buf) >= 0) {
                        // swallow until the client gives up
                    }
                }
                case ALERT -> {
                    out.write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
                    out.flush();
                    in.read(buf);
                }
                case GARBAGE -> {
                    out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.read(buf);
                }
            }
        } catch (SocketException e) {
            // client went away
        } catch (IOException | InterruptedException e) {
            // test peer: nothing to report
        }
    }

    private static void put24(byte[] b, int off, int v) {
        b[off] = (byte) (v >> 16);
        b[off + 1] = (byte) (v >> 8);
        b[off + 2] = (byte) v;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
