package io.mediapath.tls;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Does a presented chain lead to a trust anchor? A deliberately small path walk (issuer name + signature, at most
 * ten steps, tolerant of unordered and duplicated certificates as interceptors send them). Validity and
 * revocation are reported separately; this only answers "who vouches for this key".
 */
final class TrustCheck {
    private static final int MAX_STEPS = 10;

    private TrustCheck() {
    }

    private static final class Jdk {
        static final List<X509Certificate> ANCHORS = load();

        private static List<X509Certificate> load() {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                List<X509Certificate> out = new ArrayList<>();
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x) {
                        out.addAll(Arrays.asList(x.getAcceptedIssuers()));
                    }
                }
                return List.copyOf(out);
            } catch (java.security.GeneralSecurityException e) {
                return List.of();
            }
        }
    }

    static List<X509Certificate> jdkAnchors() {
        return Jdk.ANCHORS;
    }

    static List<X509Certificate> toX509(List<CertificateInfo> chain) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (CertificateInfo c : chain) {
                try {
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(c.der())));
                } catch (java.security.cert.CertificateException | RuntimeException e) {
                    // A certificate the JDK cannot read cannot be part of a path it trusts; skip it.
                }
            }
        } catch (java.security.cert.CertificateException e) {
            return out;
        }
        return out;
    }

    /** The anchor the chain leads to, or null. */
    static X509Certificate anchor(List<X509Certificate> chain, List<X509Certificate> anchors) {
        if (chain.isEmpty() || anchors.isEmpty()) {
            return null;
        }
        X509Certificate current = chain.get(0);
        List<X509Certificate> unused = new ArrayList<>(chain.subList(1, chain.size()));
        for (int step = 0; step < MAX_STEPS; step++) {
            for (X509Certificate a : anchors) {
                if (a.equals(current)) {
                    return a;
                }
                if (a.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && signedBy(current, a)) {
                    return a;
                }
            }
            X509Certificate next = null;
            for (X509Certificate c : unused) {
                if (c.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && signedBy(current, c)
                        && !c.equals(current)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            unused.remove(next);
            current = next;
        }
        return null;
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
