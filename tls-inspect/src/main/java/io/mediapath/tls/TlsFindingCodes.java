package io.mediapath.tls;

import io.mediapath.ice.FindingCode;
import io.mediapath.ice.Severity;
import io.mediapath.sdp.msdiag.Remedies;
import java.util.List;

/**
 * tls-inspect's finding catalogue: every code {@link PseudoTlsProbe}, {@link TlsProbe}, {@link CrossChecks} and
 * {@link ProxyEnvironment} can report, with its usual severity, title and remedy ({@code docs/findings.md} lists
 * exactly these). Findings about the relay's path give {@link Remedies#bypassInspectionByIp} with the relay's address.
 */
public final class TlsFindingCodes {
    private TlsFindingCodes() {
    }

    // What findings about an intercepted path advise when the relay's address is not known.
    private static final String BYPASS = Remedies.bypassInspectionByIp("", 443, true);

    /** The relay answered the pseudo-TLS hello with the exact 83-byte single record */
    public static final FindingCode PSEUDO_TLS_GENUINE = FindingCode.of("PSEUDO_TLS_GENUINE", Severity.INFO,
            "The relay answered the pseudo-TLS hello with the exact 83-byte single record",
            "");

    /** The TLS server presented the expected identity (pin, caller's anchor or public root, no interceptor tell) */
    public static final FindingCode TLS_GENUINE = FindingCode.of("TLS_GENUINE", Severity.INFO,
            "The TLS server presented the expected identity (pin, caller's anchor or public root, no "
                    + "interceptor tell)",
            "");

    /** TCP connect succeeded but the (pseudo-)TLS hello did not reach the real server: the telnet/PortQry trap */
    public static final FindingCode TCP_OPEN_TLS_BLOCKED = FindingCode.of("TCP_OPEN_TLS_BLOCKED", Severity.CRITICAL,
            "TCP connect succeeded but the (pseudo-)TLS hello did not reach the real server: the "
                    + "telnet/PortQry trap",
            BYPASS);

    /** The pseudo-TLS answer carries a Certificate message; the relay never sends one */
    public static final FindingCode PSEUDO_TLS_CERTIFICATE_PRESENT =
            FindingCode.of("PSEUDO_TLS_CERTIFICATE_PRESENT", Severity.CRITICAL,
                "The pseudo-TLS answer carries a Certificate message; the relay never sends one",
                BYPASS);

    /** ServerHello and ServerHelloDone arrived in different records ([MS-TURN] requires one) */
    public static final FindingCode PSEUDO_TLS_SPLIT_RECORDS =
            FindingCode.of("PSEUDO_TLS_SPLIT_RECORDS", Severity.CRITICAL,
                "ServerHello and ServerHelloDone arrived in different records ([MS-TURN] requires one)",
                BYPASS);

    /** TLS came back but not the 83-byte template (offset of the first difference given) */
    public static final FindingCode PSEUDO_TLS_TEMPLATE_MISMATCH =
            FindingCode.of("PSEUDO_TLS_TEMPLATE_MISMATCH", Severity.CRITICAL,
                "TLS came back but not the 83-byte template (offset of the first difference given)",
                BYPASS);

    /**
     * Every byte that came is the relay's own answer, but it stopped before 83 bytes (verdict from how it ended:
     * silent, closed, reset); a pause mid-answer is waited out until the deadline
     */
    public static final FindingCode PSEUDO_TLS_INCOMPLETE = FindingCode.of("PSEUDO_TLS_INCOMPLETE", Severity.ERROR,
            "Every byte that came is the relay's own answer, but it stopped before 83 bytes (verdict from "
                    + "how it ended: silent, closed, reset); a pause mid-answer is waited out until the deadline",
            "Probe again with a longer deadline; if it keeps stopping, a device on the path delays or "
                    + "truncates the relay's answer.");

    /** A TLS alert (decoded) answered the hello: a real TLS stack refused it */
    public static final FindingCode TLS_ALERT_INSTEAD_OF_ANSWER =
            FindingCode.of("TLS_ALERT_INSTEAD_OF_ANSWER", Severity.CRITICAL,
                "A TLS alert (decoded) answered the hello: a real TLS stack refused it",
                BYPASS);

    /**
     * A plaintext HTTP response (407, 302 portal, 403, 400) answered the hello; status, Proxy-Authenticate, Via,
     * Server, X-Squid-Error, Location, title as evidence
     */
    public static final FindingCode HTTP_ANSWER_INSTEAD_OF_TLS =
            FindingCode.of("HTTP_ANSWER_INSTEAD_OF_TLS", Severity.CRITICAL,
                "A plaintext HTTP response (407, 302 portal, 403, 400) answered the hello; status, "
                        + "Proxy-Authenticate, Via, Server, X-Squid-Error, Location, title as evidence",
                BYPASS);

    /** The configured explicit proxy answered CONNECT with 407 */
    public static final FindingCode PROXY_AUTH_REQUIRED = FindingCode.of("PROXY_AUTH_REQUIRED", Severity.CRITICAL,
            "The configured explicit proxy answered CONNECT with 407",
            "The proxy demands authentication, which media stacks (and Teams devices) cannot do: exempt the "
                    + "relay's IP address from the proxy, or allow unauthenticated CONNECT to it.");

    /** The configured explicit proxy refused CONNECT with another status */
    public static final FindingCode PROXY_CONNECT_REFUSED = FindingCode.of("PROXY_CONNECT_REFUSED", Severity.CRITICAL,
            "The configured explicit proxy refused CONNECT with another status",
            "Allow CONNECT to the relay, or route around the proxy.");

    /** Connection reset after the hello */
    public static final FindingCode RESET_AFTER_HELLO = FindingCode.of("RESET_AFTER_HELLO", Severity.CRITICAL,
            "Connection reset after the hello",
            BYPASS);

    /** Peer closed (FIN) without answering */
    public static final FindingCode CLOSED_AFTER_HELLO = FindingCode.of("CLOSED_AFTER_HELLO", Severity.CRITICAL,
            "Peer closed (FIN) without answering",
            BYPASS);

    /** Nothing answered before the deadline */
    public static final FindingCode SILENT_AFTER_HELLO = FindingCode.of("SILENT_AFTER_HELLO", Severity.CRITICAL,
            "Nothing answered before the deadline",
            BYPASS);

    /** The TCP connection could not be made */
    public static final FindingCode CONNECT_FAILED = FindingCode.of("CONNECT_FAILED", Severity.CRITICAL,
            "The TCP connection could not be made",
            "Check DNS, routing and the firewall rule for the port.");

    /** Bytes that are neither TLS nor HTTP */
    public static final FindingCode NOT_TLS_ANSWER = FindingCode.of("NOT_TLS_ANSWER", Severity.CRITICAL,
            "Bytes that are neither TLS nor HTTP",
            "Check the address/port and any device answering for the relay.");

    /** Bytes that start like TLS but break its framing (a record longer than TLS allows, a 16 MB ServerHello) */
    public static final FindingCode TLS_ANSWER_MALFORMED = FindingCode.of("TLS_ANSWER_MALFORMED", Severity.CRITICAL,
            "Bytes that start like TLS but break its framing (a record longer than 18 432 bytes, a handshake message "
                    + "announcing more than 256 KiB, another version byte); verdict NOT_TLS",
            "No TLS server sends this: something else answers on this address (a broken or hostile middlebox, "
                    + "another service); check the address and port, and any device that answers on the server's "
                    + "behalf.");

    /** TLS bytes came back but the handshake could not complete (e.g. a pseudo-TLS relay probed with real TLS) */
    public static final FindingCode TLS_HANDSHAKE_FAILED = FindingCode.of("TLS_HANDSHAKE_FAILED", Severity.ERROR,
            "TLS bytes came back but the handshake could not complete (e.g. a pseudo-TLS relay probed with "
                    + "real TLS)",
            "The server answers with TLS this client does not accept (a pseudo-TLS relay does this: probe "
                    + "it with --pseudo-tls).");

    /** A certificate of the chain has an expected SPKI pin */
    public static final FindingCode TLS_PIN_MATCH = FindingCode.of("TLS_PIN_MATCH", Severity.INFO,
            "A certificate of the chain has an expected SPKI pin",
            "");

    /** No certificate of the chain has an expected SPKI pin */
    public static final FindingCode TLS_PIN_MISMATCH = FindingCode.of("TLS_PIN_MISMATCH", Severity.CRITICAL,
            "No certificate of the chain has an expected SPKI pin",
            BYPASS);

    /** The chain leads to the caller's anchor or the JDK trust store */
    public static final FindingCode TLS_CHAIN_TRUSTED = FindingCode.of("TLS_CHAIN_TRUSTED", Severity.INFO,
            "The chain leads to the caller's anchor or the JDK trust store",
            "");

    /**
     * The chain is pinned or trusted, but the handshake never completed: the peer did not prove it holds the key (a
     * device replaying the server's public chain looks like this); verdict from how it ended, never genuine
     */
    public static final FindingCode TLS_IDENTITY_NOT_PROVEN =
            FindingCode.of("TLS_IDENTITY_NOT_PROVEN", Severity.CRITICAL,
                "The chain is pinned or trusted, but the handshake never completed: the peer did not prove it "
                        + "holds the key (a device replaying the server's public chain looks like this); verdict from how "
                        + "it ended, never genuine",
                "If the server requires client certificates, this is expected; otherwise treat the path as intercepted: "
                        + BYPASS);

    /**
     * A trusted certificate, but not for the SNI asked: another server (captive portal, gateway) answered; verdict
     * INTERCEPTED
     */
    public static final FindingCode TLS_NAME_MISMATCH = FindingCode.of("TLS_NAME_MISMATCH", Severity.CRITICAL,
            "A trusted certificate, but not for the SNI asked: another server (captive portal, gateway) "
                    + "answered; verdict INTERCEPTED",
            BYPASS);

    /** The trusted chain has an expired or not-yet-valid certificate; still the genuine server, confidence LOW */
    public static final FindingCode TLS_CERTIFICATE_OUT_OF_VALIDITY =
            FindingCode.of("TLS_CERTIFICATE_OUT_OF_VALIDITY", Severity.WARNING,
                "The trusted chain has an expired or not-yet-valid certificate; still the genuine server, "
                        + "confidence LOW",
                "Renew the server's certificate; clients that check dates refuse it.");

    /** The chain does not lead to a trusted root: forged by whatever terminated TLS */
    public static final FindingCode TLS_CHAIN_UNTRUSTED = FindingCode.of("TLS_CHAIN_UNTRUSTED", Severity.CRITICAL,
            "The chain does not lead to a trusted root: forged by whatever terminated TLS",
            BYPASS + " If this is the relay's own private CA, pass it with --trust.");

    /** An issuer (or CA subject) name matches a known interception product (built-in table or user file) */
    public static final FindingCode INTERCEPTOR_PRODUCT_IDENTIFIED =
            FindingCode.of("INTERCEPTOR_PRODUCT_IDENTIFIED", Severity.CRITICAL,
                "An issuer (or CA subject) name matches a known interception product (built-in table or user "
                        + "file)",
                "Exempt the relay's IP from that product's SSL inspection.");

    /** Leaf key equals its issuer's key (mitmproxy, squid ssl-bump) */
    public static final FindingCode FORGED_LEAF_KEY_EQUALS_ISSUER =
            FindingCode.of("FORGED_LEAF_KEY_EQUALS_ISSUER", Severity.ERROR,
                "Leaf key equals its issuer's key (mitmproxy, squid ssl-bump)",
                "");

    /** Leaf RSA exponent 3 (sslsplit) */
    public static final FindingCode FORGED_LEAF_RSA_EXPONENT_3 =
            FindingCode.of("FORGED_LEAF_RSA_EXPONENT_3", Severity.ERROR,
                "Leaf RSA exponent 3 (sslsplit)",
                "");

    /** Only the leaf was sent (mitmproxy); reported when the chain is already suspect */
    public static final FindingCode LEAF_ONLY_CHAIN = FindingCode.of("LEAF_ONLY_CHAIN", Severity.WARNING,
            "Only the leaf was sent (mitmproxy); reported when the chain is already suspect",
            "");

    /** A certificate sent twice (squid); reported when the chain is already suspect */
    public static final FindingCode DUPLICATE_CERTIFICATE_IN_CHAIN =
            FindingCode.of("DUPLICATE_CERTIFICATE_IN_CHAIN", Severity.WARNING,
                "A certificate sent twice (squid); reported when the chain is already suspect",
                "");

    /** Leaf issued ≤3 days ago for one year (sslsplit, mitmproxy pattern); suspect chains only */
    public static final FindingCode LEAF_MINTED_ON_DEMAND = FindingCode.of("LEAF_MINTED_ON_DEMAND", Severity.WARNING,
            "Leaf issued ≤3 days ago for one year (sslsplit, mitmproxy pattern); suspect chains only",
            "");

    /** Leaf valid ≤15 days (some cloud proxies); suspect chains only */
    public static final FindingCode LEAF_SHORT_VALIDITY = FindingCode.of("LEAF_SHORT_VALIDITY", Severity.WARNING,
            "Leaf valid ≤15 days (some cloud proxies); suspect chains only",
            "");

    /** CrossChecks.sharedLeafKeys: one leaf key presented for different names */
    public static final FindingCode LEAF_KEY_SHARED_ACROSS_HOSTS =
            FindingCode.of("LEAF_KEY_SHARED_ACROSS_HOSTS", Severity.ERROR,
                "CrossChecks.sharedLeafKeys: one leaf key presented for different names",
                "Exempt the relays' IP addresses from SSL inspection on that proxy.");

    /** A certificate of the chain could not be parsed */
    public static final FindingCode CERTIFICATE_UNREADABLE = FindingCode.of("CERTIFICATE_UNREADABLE", Severity.WARNING,
            "A certificate of the chain could not be parsed",
            "");

    /** TCP connect time vs hello→first byte, with the ratio */
    public static final FindingCode SERVER_HELLO_LATENCY = FindingCode.of("SERVER_HELLO_LATENCY", Severity.INFO,
            "TCP connect time vs hello→first byte, with the ratio",
            "");

    /** Answer ≥3× the connect time and ≥20 ms more: an interceptor dialling upstream first (weak alone) */
    public static final FindingCode SERVER_HELLO_DELAYED = FindingCode.of("SERVER_HELLO_DELAYED", Severity.WARNING,
            "Answer ≥3× the connect time and ≥20 ms more: an interceptor dialling upstream first (weak "
                    + "alone)",
            "Compare several probes.");

    /** The JVM ProxySelector or HTTPS_PROXY/ALL_PROXY names a proxy for https://target (credentials masked) */
    public static final FindingCode EXPLICIT_PROXY_CONFIGURED =
            FindingCode.of("EXPLICIT_PROXY_CONFIGURED", Severity.INFO,
                "The JVM ProxySelector or HTTPS_PROXY/ALL_PROXY names a proxy for https://target (credentials "
                        + "masked)",
                "Probe through that proxy too (mediapath tls --proxy HOST:PORT) to see what it does to the "
                        + "hello; media relays should be in the proxy bypass list (by IP address).");

    /** Judged from a capture: the server chose TLS 1.3, whose chain is encrypted; the verdict rests on what is visible */
    public static final FindingCode TLS13_CHAIN_NOT_VISIBLE = FindingCode.of("TLS13_CHAIN_NOT_VISIBLE", Severity.WARNING,
            "Judged from a capture: the server chose TLS 1.3, whose chain is encrypted; the verdict rests on what is "
                    + "visible (alert, ending, application data both ways) with LOW confidence",
            "Run the live tls probe from the same network to see the chain.");

    private static final List<FindingCode> ALL = List.of(PSEUDO_TLS_GENUINE,
            TLS_GENUINE,
            TCP_OPEN_TLS_BLOCKED,
            PSEUDO_TLS_CERTIFICATE_PRESENT,
            PSEUDO_TLS_SPLIT_RECORDS,
            PSEUDO_TLS_TEMPLATE_MISMATCH,
            PSEUDO_TLS_INCOMPLETE,
            TLS_ALERT_INSTEAD_OF_ANSWER,
            HTTP_ANSWER_INSTEAD_OF_TLS,
            PROXY_AUTH_REQUIRED,
            PROXY_CONNECT_REFUSED,
            RESET_AFTER_HELLO,
            CLOSED_AFTER_HELLO,
            SILENT_AFTER_HELLO,
            CONNECT_FAILED,
            NOT_TLS_ANSWER,
            TLS_ANSWER_MALFORMED,
            TLS_HANDSHAKE_FAILED,
            TLS_PIN_MATCH,
            TLS_PIN_MISMATCH,
            TLS_CHAIN_TRUSTED,
            TLS_IDENTITY_NOT_PROVEN,
            TLS_NAME_MISMATCH,
            TLS_CERTIFICATE_OUT_OF_VALIDITY,
            TLS_CHAIN_UNTRUSTED,
            INTERCEPTOR_PRODUCT_IDENTIFIED,
            FORGED_LEAF_KEY_EQUALS_ISSUER,
            FORGED_LEAF_RSA_EXPONENT_3,
            LEAF_ONLY_CHAIN,
            DUPLICATE_CERTIFICATE_IN_CHAIN,
            LEAF_MINTED_ON_DEMAND,
            LEAF_SHORT_VALIDITY,
            LEAF_KEY_SHARED_ACROSS_HOSTS,
            CERTIFICATE_UNREADABLE,
            SERVER_HELLO_LATENCY,
            SERVER_HELLO_DELAYED,
            EXPLICIT_PROXY_CONFIGURED,
            TLS13_CHAIN_NOT_VISIBLE);

    /** Every entry, in the order of {@code docs/findings.md}. */
    public static List<FindingCode> all() {
        return ALL;
    }
}
