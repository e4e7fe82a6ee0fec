package io.mediapath.turn.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.peers.OpensslServer;
import io.mediapath.lab.pki.IssuedCertificate;
import io.mediapath.lab.pki.LabCa;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import io.mediapath.turn.TurnException;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 6: {@code hostnameVerification(false)} (CLI {@code --insecure-no-hostname-check}) must switch the host
 * name check off. Netty 4.2's client {@code SslContext} verifies host names by default, so clearing the engine's
 * parameters was not enough. Peer: {@code openssl s_server} presenting a self-signed certificate without
 * subjectAltName, trusted as the caller's anchor ({@code --ca}).
 */
class TlsHostnameCheckIT {
    static IssuedCertificate cert;
    static OpensslServer server;

    @BeforeAll
    static void start() {
        cert = LabCa.selfSignedWithoutSubjectAltName(new X500Principal("CN=relay.lync.test"), Duration.ofDays(30));
        server = OpensslServer.builder().certificate(cert).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static TrustManagerFactory trustingOnlyTheServer() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("relay", cert.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.address().host(), server.address().port());
    }

    @Test
    void withTheCheckOffASanLessCertificateOfATrustedAnchorIsAccepted() throws Exception {
        TurnClientOptions o = TurnClientOptions.builder().trust(trustingOnlyTheServer()).hostnameVerification(false)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (TurnClient c = TurnClient.create(o)) {
            StunConnection conn = c.connect(address(), StunTransport.TLS, "127.0.0.1").get(15, TimeUnit.SECONDS);
            try {
                assertThat(conn.peerCertificates()).first().extracting(x -> x.getSubjectX500Principal().getName())
                        .isEqualTo("CN=relay.lync.test");
                assertThat(conn.tlsProtocol()).startsWith("TLS");
            } finally {
                conn.close();
            }
        }
    }

    @Test
    void withTheCheckOnTheSameCertificateIsRefusedForItsName() throws Exception {
        TurnClientOptions o = TurnClientOptions.builder().trust(trustingOnlyTheServer())
                .connectTimeout(Duration.ofSeconds(5)).build();
        try (TurnClient c = TurnClient.create(o)) {
            Throwable t = c.connect(address(), StunTransport.TLS, "127.0.0.1").handle((v, e) -> e)
                    .get(15, TimeUnit.SECONDS);
            while (t != null && !(t instanceof TurnException)) {
                t = t.getCause();
            }
            assertThat(t).isInstanceOf(TurnException.class);
            TurnException e = (TurnException) t;
            assertThat(e.kind()).isEqualTo(TurnException.Kind.TLS_FAILED);
            assertThat(e.getMessage()).contains("No subject alternative names present");
        }
    }
}
