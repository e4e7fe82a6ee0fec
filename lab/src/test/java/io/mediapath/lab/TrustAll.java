package io.mediapath.lab;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.X509TrustManager;

/** Test helper: a JDK TLS client that accepts any chain and records it, to see what a server presents. */
public final class TrustAll {

    private TrustAll() {
    }

    /** Handshakes with host:port (SNI {@code sni}, may be null) and returns the chain the server presented. */
    public static List<X509Certificate> chain(String host, int port, String sni) throws Exception {
        AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
        SSLContext ctx = recording(seen);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            if (sni != null) {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(sni)));
                s.setSSLParameters(p);
            }
            s.startHandshake();
        }
        return List.of(seen.get());
    }

    /** A client context that accepts any server chain and puts the last one it saw into {@code seen}. */
    static SSLContext recording(AtomicReference<X509Certificate[]> seen) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new X509TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen.set(chain);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return ctx;
    }

    /** Same as {@link #chain} but with a JDK client that trusts only what {@code ctx} trusts. */
    public static void handshake(SSLContext ctx, String host, int port) throws GeneralSecurityException, java.io.IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 5000);
            s.setSoTimeout(10_000);
            s.startHandshake();
        }
    }
}
