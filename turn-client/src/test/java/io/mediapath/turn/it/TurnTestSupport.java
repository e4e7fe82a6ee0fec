package io.mediapath.turn.it;

import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.lab.coturn.Coturn;
import io.mediapath.turn.StunConnection;
import io.mediapath.turn.StunTimers;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnClient;
import io.mediapath.turn.TurnClientOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;

/** Shared helpers of the coturn integration tests. */
final class TurnTestSupport {
    private TurnTestSupport() {
    }

    /** Trust exactly the coturn instance's self-made certificate. */
    static TrustManagerFactory trust(Coturn turn) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(turn.certificate())) {
            ks.setCertificateEntry("coturn", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    static TurnClientOptions.Builder options(Coturn turn, List<TimelineEvent> events) throws Exception {
        return TurnClientOptions.builder().timers(StunTimers.FAST).trust(trust(turn)).listener(events::add);
    }

    static List<TimelineEvent> events() {
        return new CopyOnWriteArrayList<>();
    }

    static StunConnection connect(TurnClient client, Coturn turn, StunTransport t) throws Exception {
        int port = t == StunTransport.TLS ? turn.tlsPort() : turn.port();
        return client.connect(turn.host(), port, t).get(10, TimeUnit.SECONDS);
    }
}
