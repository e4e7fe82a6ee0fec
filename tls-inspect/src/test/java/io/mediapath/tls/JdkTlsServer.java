package io.mediapath.tls;

import io.mediapath.ice.TransportAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** An in-process TLS server (the JDK's SunJSSE) on 127.0.0.1 presenting a given chain; completes handshakes, then waits. */
final class JdkTlsServer implements AutoCloseable {
    private final SSLServerSocket server;
    private volatile boolean closed;

    JdkTlsServer(TestCerts.Issued leaf, X509Certificate... rest) {
        try {
            X509Certificate[] chain = new X509Certificate[1 + rest.length];
            chain[0] = leaf.cert();
            System.arraycopy(rest, 0, chain, 1, rest.length);
            // A key manager that hands out the chain as given (a KeyStore refuses the duplicated roots interceptors send).
            X509ExtendedKeyManager km = new X509ExtendedKeyManager() {
                @Override
                public String[] getClientAliases(String keyType, Principal[] issuers) {
                    return null;
                }

                @Override
                public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                    return null;
                }

                @Override
                public String[] getServerAliases(String keyType, Principal[] issuers) {
                    return new String[] {"k"};
                }

                @Override
                public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                    return "RSA".equals(keyType) ? "k" : null;
                }

                @Override
                public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                    return "RSA".equals(keyType) ? "k" : null;
                }

                @Override
                public X509Certificate[] getCertificateChain(String alias) {
                    return chain.clone();
                }

                @Override
                public PrivateKey getPrivateKey(String alias) {
                    return leaf.key().getPrivate();
                }
            };
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {km}, null, null);
            server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getByName("127.0.0.1"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Thread t = new Thread(this::loop, "jdk-tls-server");
        t.setDaemon(true);
        t.start();
    }

    TransportAddress address() {
        return new TransportAddress("127.0.0.1", server.getLocalPort());
    }

    private void loop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> {
                    try (SSLSocket ss = (SSLSocket) s) {
                        ss.setSoTimeout(10_000);
                        ss.startHandshake();
                        ss.getInputStream().read();
                    } catch (IOException e) {
                        // the probe closes right after the handshake
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
