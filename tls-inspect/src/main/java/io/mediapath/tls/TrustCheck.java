package io.mediapath.tls;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    /**
     * True when {@code host} is one of the certificate's names (RFC 6125 §6.4): DNS SANs, with a wildcard only as
     * the whole left-most label; the subject CN only when there is no DNS SAN; IP SANs for an IP literal.
     */
    static boolean nameMatches(X509Certificate c, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        boolean ip = io.mediapath.ice.TransportAddress.isIpLiteral(h);
        List<String> dns = new ArrayList<>();
        try {
            java.util.Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String v = String.valueOf(san.get(1));
                    if (type == 2) {
                        dns.add(v.toLowerCase(Locale.ROOT));
                    } else if (type == 7 && ip && sameIp(v, h)) {
                        return true;
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
        if (ip) {
            return false;
        }
        if (dns.isEmpty()) {
            String cn = commonName(c);
            return cn != null && dnsMatches(cn.toLowerCase(Locale.ROOT), h);
        }
        for (String d : dns) {
            if (dnsMatches(d, h)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (pattern.endsWith(".")) {
            pattern = pattern.substring(0, pattern.length() - 1);
        }
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        int dot = host.indexOf('.');
        // "*.example.com" covers exactly one label, and never a bare public suffix like "*.com".
        return dot > 0 && pattern.indexOf('.', 2) > 0 && host.substring(dot + 1).equals(pattern.substring(2));
    }

    private static boolean sameIp(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(
                    b.startsWith("[") ? b.substring(1, b.length() - 1) : b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate c) {
        for (String rdn : c.getSubjectX500Principal().getName(javax.security.auth.x500.X500Principal.RFC2253)
                .split("(?<!\\\\),")) {
            if (rdn.regionMatches(true, 0, "CN=", 0, 3)) {
                return rdn.substring(3);
            }
        }
        return null;
    }

    /** The certificate's names for a message: its DNS/IP SANs, else its subject. */
    static String names(X509Certificate c) {
        try {
            java.util.Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                List<String> out = new ArrayList<>();
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2 || type == 7) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
                if (!out.isEmpty()) {
                    return String.join(", ", out);
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // fall through to the subject
        }
        return c.getSubjectX500Principal().getName();
    }

    /** Why the chain is out of its validity period at {@code now}, or null when every certificate is valid. */
    static String outOfValidity(List<X509Certificate> chain, java.time.Instant now) {
        java.util.Date d = java.util.Date.from(now);
        for (X509Certificate c : chain) {
            if (d.after(c.getNotAfter())) {
                return c.getSubjectX500Principal().getName() + " expired on " + c.getNotAfter().toInstant();
            }
            if (d.before(c.getNotBefore())) {
                return c.getSubjectX500Principal().getName() + " is not valid before " + c.getNotBefore().toInstant();
            }
        }
        return null;
    }

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
