package io.mediapath.diagnose.report;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.tls.CertificateInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate chain as cards, leaf first: subject, issuer, validity, key, SPKI pin, the interception product a
 * certificate names and which field matched, and the signals the verdict engine raised against it (a forged leaf's
 * tells listed against the leaf). Findings are attached by their evidence ({@code certificate 0},
 * {@code certificates 0 and 2}), so the cards show what the engine said, not a second opinion.
 */
final class CertificateCards {

    /** Evidence locations that name certificates of the chain. */
    private static final Pattern LOCATION = Pattern.compile("certificates? (\\d+)(?: and (\\d+))?");
    /** Verdicts about the leaf whose evidence names the chain or the name, not a position. */
    private static final Set<String> LEAF_CODES = Set.of("TLS_NAME_MISMATCH", "TLS_CHAIN_UNTRUSTED", "TLS_PIN_MISMATCH",
            "TLS_PIN_MATCH", "TLS_CHAIN_TRUSTED");
    private static final String PRODUCT = "INTERCEPTOR_PRODUCT_IDENTIFIED";
    /** A chain longer than this is cut (a real chain has 2-4 certificates; the rest are counted). */
    private static final int MAX_CARDS = 10;

    private CertificateCards() {
    }

    /**
     * Appends the cards of one chain.
     *
     * @param chain    the certificates, leaf first
     * @param findings the findings of the probe that received the chain
     * @param seenOn   where the chain was seen (legs), for the heading
     */
    static void render(StringBuilder sb, List<CertificateInfo> chain, List<Finding> findings, String seenOn) {
        sb.append("<div class=\"chain\"><p class=\"muted\">").append(Html.esc(seenOn)).append("</p>\n<div class=\"cards\">\n");
        for (int k = 0; k < chain.size() && k < MAX_CARDS; k++) {
            CertificateInfo c = chain.get(k);
            List<String> products = new ArrayList<>();
            List<Finding> signals = new ArrayList<>();
            for (Finding f : findings) {
                boolean about = k == 0 && LEAF_CODES.contains(f.code());
                for (Evidence e : f.evidence()) {
                    if (names(e.location(), k)) {
                        about = true;
                        if (f.code().equals(PRODUCT)) {
                            products.add(product(e.excerpt(), c));
                        }
                    }
                }
                if (about && !f.code().equals(PRODUCT) && !signals.contains(f)) {
                    signals.add(f);
                }
            }
            boolean forged = signals.stream().anyMatch(f -> f.severity().atLeast(Severity.WARNING));
            sb.append("<div class=\"cert").append(forged ? " forged" : "").append("\" data-index=\"").append(k)
                    .append("\">\n<h3>").append(k == 0 ? "leaf" : c.ca() ? "CA" : "certificate").append(' ').append(k)
                    .append(": ").append(Html.esc(Html.cut(c.commonName(), 120))).append("</h3>\n<dl>\n");
            item(sb, "subject", c.subject());
            item(sb, "issuer", c.issuer());
            long days = Duration.between(c.notBefore(), c.notAfter()).toDays();
            item(sb, "valid", c.notBefore() + " → " + c.notAfter() + " (" + days + " days)");
            item(sb, "key", c.keyAlgorithm() + (c.rsaExponent() > 0 ? ", exponent " + c.rsaExponent() : "")
                    + (c.ca() ? ", CA" : ""));
            item(sb, "SPKI pin", "sha256/" + c.spkiSha256());
            for (String p : products) {
                item(sb, "product", p);
            }
            sb.append("</dl>\n");
            if (!signals.isEmpty()) {
                sb.append("<ul class=\"signals\">\n");
                for (Finding f : signals) {
                    sb.append("<li class=\"").append(f.severity()).append("\"><code>").append(Html.esc(f.code()))
                            .append("</code> ").append(Html.esc(f.summary())).append("</li>\n");
                }
                sb.append("</ul>\n");
            }
            sb.append("</div>\n");
        }
        sb.append("</div>\n");
        if (chain.size() > MAX_CARDS) {
            sb.append("<p class=\"muted\">").append(chain.size() - MAX_CARDS).append(" more certificates in the chain "
                    + "not shown.</p>\n");
        }
        sb.append("</div>\n");
    }

    /** Evidence of a product match: {@code product [category, confidence]: ATTR=value}. */
    private static final Pattern MATCH = Pattern.compile("(.+) \\[([^,\\]]*), ([^\\]]*)\\]: ([A-Za-z]+)=(.*)", Pattern.DOTALL);

    /** The product and why: which field of this certificate matched which signature. */
    static String product(String excerpt, CertificateInfo c) {
        Matcher m = MATCH.matcher(excerpt);
        if (!m.matches()) {
            return excerpt;
        }
        String attr = m.group(4);
        String value = m.group(5);
        String field = value.equals(c.issuerAttribute(attr)) ? "the issuer's " : value.equals(c.subjectAttribute(attr))
                ? "the subject's " : "";
        return m.group(1) + " — " + field + attr + "=" + value + " matched its signature (" + m.group(2) + ", "
                + m.group(3) + " confidence)";
    }

    /** True when an evidence location names certificate {@code k}. */
    static boolean names(String location, int k) {
        Matcher m = LOCATION.matcher(location);
        while (m.find()) {
            if (same(m.group(1), k) || m.group(2) != null && same(m.group(2), k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(String digits, int k) {
        return digits.length() < 6 && Integer.parseInt(digits) == k;
    }

    private static void item(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(Html.esc(name)).append("</dt><dd>").append(Html.esc(Html.cut(value, 600)))
                .append("</dd>\n");
    }
}
