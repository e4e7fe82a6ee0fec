package io.mediapath.tls;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.TransportAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The explicit-proxy context of this machine for a target: what the JVM's {@link ProxySelector} chooses for
 * {@code https://target}, and the {@code HTTPS_PROXY}/{@code ALL_PROXY} environment variables. Credentials in a
 * proxy URL are never reported.
 */
public final class ProxyEnvironment {


    private ProxyEnvironment() {
    }

    /** Context findings from this JVM's ProxySelector and this process's environment. */
    public static List<Finding> describe(TransportAddress target) {
        return describe(target, ProxySelector.getDefault(), System.getenv());
    }

    /** Context findings from the given selector and environment (testable). */
    public static List<Finding> describe(TransportAddress target, ProxySelector selector, Map<String, String> env) {
        List<Evidence> ev = new ArrayList<>();
        if (selector != null) {
            try {
                URI uri = URI.create("https://" + target);
                for (Proxy p : selector.select(uri)) {
                    if (p.type() != Proxy.Type.DIRECT && p.address() instanceof InetSocketAddress a) {
                        ev.add(new Evidence("JVM ProxySelector", uri.toString(),
                                p.type() + " proxy " + a.getHostString() + ":" + a.getPort()));
                    }
                }
            } catch (RuntimeException e) {
                // A selector that throws gives no context; the probes still run.
            }
        }
        for (String name : List.of("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                ev.add(new Evidence("environment", name, withoutCredentials(v.strip())));
            }
        }
        if (ev.isEmpty()) {
            return List.of();
        }
        return List.of(TlsFindingCodes.EXPLICIT_PROXY_CONFIGURED.builder()
                .summary("An explicit proxy is configured for HTTPS on this machine; clients that honour it send TCP 443 to "
                        + target + " through the proxy")
                .evidence(ev)
                .build());
    }

    static String withoutCredentials(String url) {
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        int scheme = url.indexOf("://");
        return (scheme >= 0 && scheme < at ? url.substring(0, scheme + 3) : "") + "***@" + url.substring(at + 1);
    }
}
