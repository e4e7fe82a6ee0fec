package io.mediapath.lab;

import io.mediapath.ice.TransportAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLSocket;

/** Test helper: HTTP CONNECT through an explicit proxy, TLS over the tunnel, and a real JDK ClientHello's bytes. */
public final class ProxyConnect {

    private ProxyConnect() {
    }

    /** An open socket to the proxy after CONNECT, and the proxy's response head. */
    public record Tunnel(Socket socket, String head) {
        /** The status code of the response. */
        public int status() {
            return Integer.parseInt(head.split(" ", 3)[1]);
        }
    }

    /** Sends {@code CONNECT target} (with Basic credentials when {@code basicAuth} is not null) and reads the head. */
    public static Tunnel connect(TransportAddress proxy, TransportAddress target, String basicAuth) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(proxy.host(), proxy.port()), 5000);
        s.setSoTimeout(10_000);
        String req = "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n"
                + (basicAuth == null ? "" : "Proxy-Authorization: Basic " + java.util.Base64.getEncoder()
                        .encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                + "\r\n";
        s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return new Tunnel(s, head.toString(StandardCharsets.ISO_8859_1));
    }

    /** TLS over an established tunnel with a trust-all client; returns the presented chain. */
    public static List<X509Certificate> tlsChain(Socket tunnel, String sni) throws Exception {
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
        SSLContext ctx = TrustAll.recording(seen);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(tunnel, sni, 443, true)) {
            s.startHandshake();
        }
        return List.of(seen.get());
    }

    /** The bytes of a real TLS ClientHello as the JDK sends it (SNI {@code relay.lync.test}). */
    public static byte[] jdkClientHello() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, null, null);
        SSLEngine engine = ctx.createSSLEngine("relay.lync.test", 443);
        engine.setUseClientMode(true);
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult r = engine.wrap(java.nio.ByteBuffer.allocate(0), out);
        if (r.bytesProduced() == 0) {
            throw new IllegalStateException("no ClientHello produced");
        }
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }
}
