package io.mediapath.tls;

import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.FindingCode;
import io.mediapath.tls.wire.HandshakeMessage;
import io.mediapath.tls.wire.HttpSniffer;
import io.mediapath.ice.wire.PseudoTls;
import io.mediapath.sdp.msdiag.Remedies;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict engine: turns an {@link Observation} into a verdict, a confidence and findings with evidence and
 * remedies. Signals and their weights follow the lab results in the guide (tls-interception.md §0, §6).
 */
final class Verdicts {

    private Verdicts() {
    }

    private static final class Judgement {
        Verdict verdict;
        Confidence confidence;
        final List<Finding> findings = new ArrayList<>();

        void set(Verdict v, Confidence c) {
            verdict = v;
            confidence = c;
        }
    }

    static TlsInspection judge(Observation o, InspectOptions opt) {
        Judgement j = new Judgement();
        String src = o.source;
        List<CertificateInfo> chain = chain(o, j, src);
        Evidence flight = flightEvidence(o, src);
        boolean pseudo = PseudoTlsProbe.NAME.equals(o.probe);
        String what = pseudo ? "pseudo-TLS hello" : "TLS ClientHello";
        String relay = o.remoteIp.isEmpty() || o.viaProxy != null ? o.target.host() : o.remoteIp;
        String bypass = Remedies.bypassInspectionByIp(relay, o.target.port(), pseudo);

        if (o.connectNanos < 0) {
            j.set(Verdict.CONNECT_FAILED, Confidence.HIGH);
            j.findings.add(TlsFindingCodes.CONNECT_FAILED.builder()
                    .summary("TCP connect to " + (o.viaProxy != null ? "the proxy " + o.viaProxy : o.target) + " failed")
                    .evidence(new Evidence(src, "step connect", o.error.isEmpty() ? "no connection" : o.error))
                    .remedy("Check name resolution, routing and the firewall rule for TCP " + o.target.port()
                            + " to " + o.target.host() + ".")
                    .build());
        } else if (o.viaProxy != null && o.proxyAnswer != null && o.proxyAnswer.status() / 100 != 2) {
            HttpAnswer a = o.proxyAnswer;
            j.set(Verdict.HTTP_PROXY_RESPONSE, Confidence.HIGH);
            Finding.Builder b = a.status() == 407 ? TlsFindingCodes.PROXY_AUTH_REQUIRED.builder()
                    : TlsFindingCodes.PROXY_CONNECT_REFUSED.builder()
                            .remedy("Allow CONNECT to " + o.target + " on the proxy, or route the relay around it.");
            j.findings.add(b.summary("The proxy " + o.viaProxy + " refused CONNECT " + o.target + ": " + a.statusLine())
                    .evidence(new Evidence(src, "CONNECT answer", a.describe()))
                    .build());
        } else if (o.kind == Observation.Kind.HTTP) {
            HttpAnswer a = HttpSniffer.parse(o.answer).orElseThrow();
            j.set(Verdict.HTTP_PROXY_RESPONSE, Confidence.HIGH);
            j.findings.add(TlsFindingCodes.HTTP_ANSWER_INSTEAD_OF_TLS.builder()
                    .summary("A plaintext HTTP response answered the " + what + ": " + a.statusLine()
                            + " — a web proxy or gateway, not the relay, is on this path")
                    .evidence(new Evidence(src, "answer", a.describe()))
                    .evidence(flight)
                    .remedy(bypass)
                    .build());
        } else if (o.kind == Observation.Kind.OTHER || (o.kind == Observation.Kind.NONE && o.answer.length > 0)) {
            j.set(Verdict.NOT_TLS, Confidence.MEDIUM);
            j.findings.add(TlsFindingCodes.NOT_TLS_ANSWER.builder()
                    .summary("The " + what + " was answered with " + o.answer.length + " bytes that are neither TLS nor HTTP")
                    .evidence(Evidence.bytes(src, 0, Math.min(o.answer.length, 64), hexDump(o.answer, 64)))
                    .remedy("Something other than a TLS server listens on " + o.target + "; check the address and port, "
                            + "and any device that answers on the relay's behalf.")
                    .build());
        } else if (o.kind == Observation.Kind.TLS && o.parser.malformed() && chain.isEmpty()
                && !o.handshakeComplete && !(pseudo && PseudoTls.isGenuinePrefix(o.answer))) {
            malformed(o, j, src, what, flight);
        } else if (o.kind == Observation.Kind.NONE) {
            noAnswer(o, j, src, what, bypass);
        } else if (pseudo) {
            pseudoTls(o, j, src, flight, chain, bypass, opt);
        } else {
            tls(o, j, src, flight, chain, bypass, opt);
        }

        // Through a proxy the TCP connect reached the proxy only; if it refused CONNECT the target was never reached,
        // and PROXY_AUTH_REQUIRED / PROXY_CONNECT_REFUSED already say so.
        boolean proxyRefused = o.viaProxy != null && o.proxyAnswer != null && o.proxyAnswer.status() / 100 != 2;
        if (o.connectNanos >= 0 && !j.verdict.genuine() && !proxyRefused) {
            String reached = o.viaProxy == null ? "TCP connect to " + o.target + " succeeded in "
                    + millis(o.connectNanos) : "TCP connect to the proxy " + o.viaProxy + " succeeded in "
                    + millis(o.connectNanos) + " and it accepted CONNECT " + o.target;
            j.findings.add(TlsFindingCodes.TCP_OPEN_TLS_BLOCKED.builder()
                    .summary(reached + ", but the "
                            + what + " did not reach the real server (" + j.verdict + "): a port test such as telnet, "
                            + "PortQry or Test-NetConnection passes while media over TCP " + o.target.port() + " fails")
                    .evidence(new Evidence(src, "step connect", "TCP connect OK in " + millis(o.connectNanos)
                            + (o.viaProxy != null ? " to the proxy " + o.viaProxy
                            : o.remoteIp.isEmpty() ? "" : " to " + o.remoteIp)))
                    .evidence(new Evidence(src, "step hello", j.verdict.name()))
                    .remedy(bypass)
                    .build());
        }
        latency(o, j, src);
        if (opt.proxyContext() && o.viaProxy == null) {
            j.findings.addAll(ProxyEnvironment.describe(o.target));
        }
        if (j.verdict.genuine()) {
            j.findings.add(0, (pseudo ? TlsFindingCodes.PSEUDO_TLS_GENUINE : TlsFindingCodes.TLS_GENUINE).builder()
                    .summary(pseudo ? "The relay answered the pseudo-TLS hello with the exact 83-byte ServerHello + "
                            + "ServerHelloDone record: nothing intercepts TCP " + o.target.port() + " on this path"
                            : "The TLS server presented the expected identity")
                    .evidence(flight)
                    .build());
        }
        List<Finding> sorted = new ArrayList<>(j.findings);
        sorted.sort(Comparator.comparing(Finding::severity).reversed());
        HttpAnswer http = o.kind == Observation.Kind.HTTP ? HttpSniffer.parse(o.answer).orElse(null) : o.proxyAnswer;
        TlsAlert alert = !o.parser.alerts().isEmpty() ? o.parser.alerts().get(0) : o.alertReceived;
        return new TlsInspection(o.probe, o.target, o.remoteIp, j.verdict, j.confidence,
                o.connectNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(o.connectNanos)),
                o.firstByteAt < 0 || o.helloSentAt < 0 ? Optional.empty()
                        : Optional.of(Duration.ofNanos(o.firstByteAt - o.helloSentAt)),
                o.reads, o.parser.records(), o.parser.serverHellos(), chain, Optional.ofNullable(alert),
                Optional.ofNullable(http),
                hexDump(Arrays.copyOf(o.answer, Math.min(o.answer.length, 512)), 512), sorted, o.timeline,
                Duration.ofNanos((o.endAt >= 0 ? o.endAt : System.nanoTime()) - o.start));
    }

    private static void noAnswer(Observation o, Judgement j, String src, String what, String bypass) {
        String err = o.error.toLowerCase(Locale.ROOT);
        Observation.Ending e = o.ending;
        if (e == Observation.Ending.ERROR && (err.contains("reset") || err.contains("broken pipe"))) {
            e = Observation.Ending.RESET;
        }
        FindingCode code;
        String summary;
        // Bytes may have come before the end (a real ServerHello, the relay's first 40 bytes): then the text says
        // how much came and that it stopped, never "nothing answered".
        int got = o.answer.length;
        String after = got == 0 ? "" : " after " + got + " bytes of answer" + (o.parser.serverHellos().isEmpty()
                ? "" : " (a ServerHello)");
        switch (e) {
            case RESET -> {
                j.set(Verdict.RESET_AFTER_HELLO, Confidence.HIGH);
                code = TlsFindingCodes.RESET_AFTER_HELLO;
                summary = "The connection was reset" + (got == 0 ? " right after the " + what : after + " to the "
                        + what) + " (RST)";
            }
            case PEER_CLOSED -> {
                j.set(Verdict.CLOSED_AFTER_HELLO, Confidence.HIGH);
                code = TlsFindingCodes.CLOSED_AFTER_HELLO;
                summary = got == 0 ? "The peer closed the connection (FIN) without answering the " + what
                        : "The peer closed the connection (FIN)" + after + " to the " + what;
            }
            case TIMEOUT, QUIET -> {
                j.set(Verdict.SILENT_AFTER_HELLO, Confidence.MEDIUM);
                code = TlsFindingCodes.SILENT_AFTER_HELLO;
                summary = got == 0 ? "Nothing answered the " + what + " before the deadline"
                        : "The answer to the " + what + " stopped" + after + "; nothing more came before the deadline";
            }
            default -> {
                j.set(Verdict.NOT_TLS, Confidence.LOW);
                code = TlsFindingCodes.NOT_TLS_ANSWER;
                summary = "The exchange failed" + (got == 0 ? " before any answer" : after) + ": " + o.error;
            }
        }
        Finding.Builder b = code.builder()
                .summary(summary + (got == 0 ? "; a device between client and relay accepts TCP but drops the hello"
                        : "; the server, or a device on the path, stopped mid-handshake"))
                .evidence(new Evidence(src, "step answer", o.ending + (o.error.isEmpty() ? "" : ": " + o.error)))
                .remedy(bypass);
        o.endingEvidence.forEach(b::evidence);
        j.findings.add(b.build());
    }

    /**
     * TLS-looking bytes that break TLS's framing (a record longer than TLS allows, a handshake message announcing
     * megabytes, a record header with another version byte): no TLS server sends that, so the verdict is NOT_TLS and
     * the finding says what came and how the exchange ended, not "nothing answered".
     */
    private static void malformed(Observation o, Judgement j, String src, String what, Evidence flight) {
        j.set(Verdict.NOT_TLS, Confidence.MEDIUM);
        j.findings.add(TlsFindingCodes.TLS_ANSWER_MALFORMED.builder()
                .summary("The " + what + " was answered with " + o.answer.length + " bytes that start like TLS but "
                        + "break its framing (" + o.parser.error() + "); then " + ending(o))
                .evidence(flight)
                .evidence(Evidence.bytes(src, 0, Math.min(o.answer.length, 64), hexDump(o.answer, 64)))
                .build());
    }

    /** How the exchange ended, in words. */
    private static String ending(Observation o) {
        if (o.alertRaised != null) {
            return "the TLS client refused it (" + o.alertRaised + (o.alertRaisedMessage.isBlank() ? ""
                    : ": " + o.alertRaisedMessage.strip()) + ")";
        }
        Observation.Ending e = o.ending == null ? Observation.Ending.ERROR : o.ending;
        return switch (e) {
            case TIMEOUT -> "nothing more came before the deadline";
            case QUIET -> "nothing more came";
            case PEER_CLOSED -> "the peer closed the connection";
            case RESET -> "the peer reset the connection";
            case COMPLETE -> "the probe stopped reading";
            default -> o.error.isEmpty() ? "the exchange failed" : "the exchange failed: " + o.error;
        };
    }

    /**
     * A chain that would pass, from a peer that never finished the handshake: it did not prove it holds the key.
     * Copying a server's public chain costs nothing, so the verdict follows how the exchange ended instead.
     */
    private static void unproven(Observation o, Judgement j, String src, Evidence flight, List<CertificateInfo> chain,
            String bypass, String why) {
        TlsAlert received = !o.parser.alerts().isEmpty() ? o.parser.alerts().get(0) : o.alertReceived;
        if (received != null) {
            j.set(Verdict.TLS_ALERT, Confidence.MEDIUM);
        } else if (o.ending == Observation.Ending.RESET) {
            j.set(Verdict.RESET_AFTER_HELLO, Confidence.MEDIUM);
        } else if (o.ending == Observation.Ending.PEER_CLOSED) {
            j.set(Verdict.CLOSED_AFTER_HELLO, Confidence.MEDIUM);
        } else if (o.ending == Observation.Ending.TIMEOUT || o.ending == Observation.Ending.QUIET) {
            j.set(Verdict.SILENT_AFTER_HELLO, Confidence.MEDIUM);
        } else {
            j.set(Verdict.INTERCEPTED, Confidence.LOW);
        }
        j.findings.add(TlsFindingCodes.TLS_IDENTITY_NOT_PROVEN.builder()
                .summary("The chain " + why + ", but the handshake never completed ("
                        + (received != null ? "alert " + received : o.alertRaised != null ? "we raised " + o.alertRaised
                        + " " + o.alertRaisedMessage : String.valueOf(o.ending).toLowerCase(Locale.ROOT))
                        + "), so whoever answered did not prove it holds the certificate's key; a device replaying the "
                        + "server's public chain looks exactly like this")
                .evidence(chainEvidence(chain, src))
                .evidence(flight)
                .remedy("If the server requires client certificates, this is expected; otherwise treat the path as "
                        + "intercepted: " + bypass)
                .build());
    }

    private static void pseudoTls(Observation o, Judgement j, String src, Evidence flight,
            List<CertificateInfo> chain, String bypass, InspectOptions opt) {
        byte[] a = o.answer;
        if (PseudoTls.matches(a)) {
            j.set(Verdict.GENUINE_PSEUDO_TLS, Confidence.HIGH);
            return;
        }
        List<HandshakeMessage> msgs = o.parser.messages();
        HandshakeMessage sh = msgs.stream().filter(m -> m.type() == HandshakeMessage.SERVER_HELLO).findFirst().orElse(null);
        HandshakeMessage shd = msgs.stream().filter(m -> m.type() == HandshakeMessage.SERVER_HELLO_DONE).findFirst().orElse(null);
        boolean cert = o.parser.hasMessage(HandshakeMessage.CERTIFICATE);
        boolean split = sh != null && shd != null && sh.lastRecord() != shd.firstRecord();
        if (sh == null && !o.parser.alerts().isEmpty()) {
            TlsAlert al = o.parser.alerts().get(0);
            j.set(Verdict.TLS_ALERT, Confidence.HIGH);
            j.findings.add(TlsFindingCodes.TLS_ALERT_INSTEAD_OF_ANSWER.builder()
                    .summary("A TLS alert (" + al + ") answered the pseudo-TLS hello: a real TLS stack — an intercepting "
                            + "proxy or firewall — refused the relay's anonymous TLS 1.0 hello")
                    .evidence(flight)
                    .remedy(bypass)
                    .build());
            return;
        }
        if (PseudoTls.isGenuinePrefix(a)) {
            // Every byte so far is the relay's own answer; the rest never came. Not evidence of a middlebox.
            noAnswer(o, j, src, "pseudo-TLS hello", bypass);
            j.findings.add(TlsFindingCodes.PSEUDO_TLS_INCOMPLETE.builder()
                    .summary("The answer began as the relay's genuine 83-byte reply (" + a.length + " bytes match) "
                            + "but stopped there")
                    .evidence(flight)
                    .build());
            return;
        }
        j.set(Verdict.INTERCEPTED, cert || split ? Confidence.HIGH : Confidence.MEDIUM);
        if (cert) {
            j.findings.add(TlsFindingCodes.PSEUDO_TLS_CERTIFICATE_PRESENT.builder()
                    .summary("The pseudo-TLS answer carries a Certificate message" + (chain.isEmpty() ? ""
                            : " (" + chain.get(0).subject() + ", issued by " + chain.get(0).issuer() + ")")
                            + "; the relay never sends one, so a TLS-terminating proxy answered")
                    .evidence(flight)
                    .remedy(bypass)
                    .build());
        }
        if (split) {
            j.findings.add(TlsFindingCodes.PSEUDO_TLS_SPLIT_RECORDS.builder()
                    .summary("ServerHello and ServerHelloDone arrived in different TLS records (" + (sh.lastRecord() + 1)
                            + " and " + (shd.firstRecord() + 1) + "); [MS-TURN] requires one record, so something "
                            + "other than the relay answered")
                    .evidence(flight)
                    .remedy(bypass)
                    .build());
        }
        if (!cert && !split) {
            int at = PseudoTls.firstMismatch(a, a.length);
            j.findings.add(TlsFindingCodes.PSEUDO_TLS_TEMPLATE_MISMATCH.builder()
                    .summary("The answer to the pseudo-TLS hello is TLS but not the relay's 83-byte template ("
                            + a.length + " bytes" + (at >= 0 ? ", first difference at offset " + at : "")
                            + (shd == null ? ", no ServerHelloDone" : "") + ")")
                    .evidence(flight)
                    .remedy(bypass)
                    .build());
        }
        if (!chain.isEmpty()) {
            products(chain, opt, j, src);
            strongArtefacts(chain, j, src);
            weakArtefacts(chain, j, src);
        }
    }

    private static void tls(Observation o, Judgement j, String src, Evidence flight, List<CertificateInfo> chain,
            String bypass, InspectOptions opt) {
        if (chain.isEmpty() && o.observed && tls13(o)) {
            observedTls13(o, j, src, flight, bypass);
            return;
        }
        if (chain.isEmpty()) {
            TlsAlert received = !o.parser.alerts().isEmpty() ? o.parser.alerts().get(0) : o.alertReceived;
            if (received != null) {
                j.set(Verdict.TLS_ALERT, Confidence.HIGH);
                j.findings.add(TlsFindingCodes.TLS_ALERT_INSTEAD_OF_ANSWER.builder()
                        .summary("The server answered the TLS ClientHello with an alert: " + received)
                        .evidence(flight)
                        .remedy("Something on the path refused the handshake; check SNI-based policy on the proxy, or "
                                + "exempt the server's IP address from SSL inspection.")
                        .build());
            } else if (o.ending == Observation.Ending.RESET || o.ending == Observation.Ending.PEER_CLOSED
                    || o.ending == Observation.Ending.TIMEOUT) {
                noAnswer(o, j, src, "TLS ClientHello", bypass);
            } else {
                j.set(Verdict.NOT_TLS, Confidence.MEDIUM);
                String why = o.alertRaised != null ? o.alertRaised + " " + o.alertRaisedMessage
                        : !o.error.isBlank() ? o.error
                        : o.parser.malformed() ? o.parser.error()
                        : o.answer.length + " bytes of TLS came, then " + ending(o);
                j.findings.add(TlsFindingCodes.TLS_HANDSHAKE_FAILED.builder()
                        .summary("The TLS handshake could not be completed: " + why.strip())
                        .evidence(flight)
                        .build());
            }
            return;
        }
        boolean productHit = products(chain, opt, j, src);
        boolean strongArtefact = strongArtefacts(chain, j, src);
        List<X509Certificate> x509 = TrustCheck.toX509(chain);
        X509Certificate callerAnchor = TrustCheck.anchor(x509, opt.trustAnchors());
        X509Certificate jdkAnchor = callerAnchor == null && opt.useJdkTrustStore()
                ? TrustCheck.anchor(x509, TrustCheck.jdkAnchors()) : null;
        if (!opt.pins().isEmpty()) {
            String hit = chain.stream().map(c -> "sha256/" + c.spkiSha256()).filter(opt.pins()::contains).findFirst()
                    .orElse(null);
            if (hit != null && !o.handshakeComplete) {
                unproven(o, j, src, flight, chain, bypass, "contains the expected key " + hit);
            } else if (hit != null) {
                j.set(Verdict.GENUINE_TLS, Confidence.HIGH);
                j.findings.add(TlsFindingCodes.TLS_PIN_MATCH.builder()
                        .summary("The chain contains the expected key " + hit).evidence(flight).build());
            } else {
                j.set(Verdict.INTERCEPTED, Confidence.HIGH);
                j.findings.add(TlsFindingCodes.TLS_PIN_MISMATCH.builder()
                        .summary("No certificate of the chain has an expected key; the leaf " + chain.get(0).subject()
                                + " is issued by " + chain.get(0).issuer())
                        .evidence(new Evidence(src, "pins", String.join(", ", opt.pins())))
                        .evidence(chainEvidence(chain, src))
                        .remedy(bypass)
                        .build());
                weakArtefacts(chain, j, src);
            }
            return;
        }
        if (callerAnchor != null || jdkAnchor != null) {
            X509Certificate a = callerAnchor != null ? callerAnchor : jdkAnchor;
            j.findings.add(TlsFindingCodes.TLS_CHAIN_TRUSTED.builder()
                    .summary("The chain leads to " + (callerAnchor != null ? "the caller's trust anchor " : "the JDK trust "
                            + "store's anchor ") + a.getSubjectX500Principal().getName())
                    .evidence(chainEvidence(chain, src))
                    .build());
            if (productHit || strongArtefact) {
                j.set(Verdict.INTERCEPTED, Confidence.HIGH);
                return;
            }
            String name = o.sni;
            if (name != null && !TrustCheck.nameMatches(x509.get(0), name)) {
                // A publicly trusted certificate, but for another name: a captive portal, a gateway or some other
                // server with a certificate of its own answered instead of the one asked for.
                j.set(Verdict.INTERCEPTED, Confidence.MEDIUM);
                j.findings.add(TlsFindingCodes.TLS_NAME_MISMATCH.builder()
                        .summary("The certificate presented for " + name + " is for " + TrustCheck.names(x509.get(0))
                                + ": another server answered")
                        .evidence(chainEvidence(chain, src))
                        .remedy(bypass)
                        .build());
                return;
            }
            if (!o.handshakeComplete) {
                unproven(o, j, src, flight, chain, bypass, "leads to a trusted root");
                return;
            }
            Confidence c = callerAnchor != null ? Confidence.HIGH : Confidence.MEDIUM;
            String outOfDate = TrustCheck.outOfValidity(x509, java.time.Instant.now());
            if (outOfDate != null) {
                c = Confidence.LOW;
                j.findings.add(TlsFindingCodes.TLS_CERTIFICATE_OUT_OF_VALIDITY.builder()
                        .summary("The chain is trusted but " + outOfDate)
                        .evidence(chainEvidence(chain, src))
                        .build());
            }
            j.set(Verdict.GENUINE_TLS, c);
            return;
        }
        j.set(Verdict.INTERCEPTED, productHit || strongArtefact ? Confidence.HIGH : Confidence.MEDIUM);
        weakArtefacts(chain, j, src);
        j.findings.add(TlsFindingCodes.TLS_CHAIN_UNTRUSTED.builder()
                .summary("The chain presented for " + o.target + " (" + chain.get(0).subject() + ", issued by "
                        + chain.get(0).issuer() + ") does not lead to a trusted root: the certificate was forged by "
                        + "whatever terminated TLS on this path")
                .evidence(chainEvidence(chain, src))
                .evidence(flight)
                .remedy(bypass + " If this is the relay's own private CA, pass it with --trust.")
                .build());
    }

    private static boolean tls13(Observation o) {
        ServerHello sh = o.parser.serverHellos().isEmpty() ? null
                : o.parser.serverHellos().get(o.parser.serverHellos().size() - 1);
        return sh != null && sh.selectedVersion() == 0x0304;
    }

    /**
     * TLS 1.3 seen from outside (a capture): the Certificate message is encrypted, so the chain cannot be judged.
     * What is visible decides: an alert, the way the exchange ended, and whether both sides went on to exchange
     * application data (the handshake completed). Never a high-confidence verdict; the live probe sees the chain.
     */
    private static void observedTls13(Observation o, Judgement j, String src, Evidence flight, String bypass) {
        TlsAlert received = !o.parser.alerts().isEmpty() ? o.parser.alerts().get(0) : null;
        String live = "Run the live probe from the same network (mediapath tls " + o.target + ") to see the chain and "
                + "name any interception product.";
        if (received != null) {
            j.set(Verdict.TLS_ALERT, Confidence.HIGH);
            j.findings.add(TlsFindingCodes.TLS_ALERT_INSTEAD_OF_ANSWER.builder()
                    .summary("The server answered the TLS ClientHello with an alert: " + received)
                    .evidence(flight)
                    .remedy(bypass)
                    .build());
        } else if (o.handshakeComplete) {
            j.set(Verdict.GENUINE_TLS, Confidence.LOW);
        } else if (o.ending == Observation.Ending.RESET || o.ending == Observation.Ending.PEER_CLOSED
                || o.ending == Observation.Ending.TIMEOUT) {
            noAnswer(o, j, src, "TLS 1.3 handshake (after " + o.answer.length + " bytes of TLS)", bypass);
        } else {
            j.set(Verdict.GENUINE_TLS, Confidence.LOW);
        }
        j.findings.add(TlsFindingCodes.TLS13_CHAIN_NOT_VISIBLE.builder()
                .summary("The server chose TLS 1.3, which encrypts its certificate chain: a capture cannot show who "
                        + "presented which certificate, so " + j.verdict + " is judged only from what is visible "
                        + "(record layout, who answered, timing" + (o.handshakeComplete
                        ? ", application data in both directions afterwards)" : ")"))
                .evidence(flight)
                .remedy(live)
                .build());
    }

    private static boolean products(List<CertificateInfo> chain, InspectOptions opt, Judgement j, String src) {
        List<IssuerSignatures.Match> hits = opt.signatures().match(chain);
        if (hits.isEmpty()) {
            return false;
        }
        IssuerSignatures.Match best = hits.stream().max(Comparator.comparing(m -> m.signature().confidence())).get();
        Finding.Builder b = TlsFindingCodes.INTERCEPTOR_PRODUCT_IDENTIFIED.builder()
                .summary("The chain names an interception product: " + best.signature().product()
                        + " (" + best.signature().attribute() + "=" + best.value() + ")")
                .remedy("Exempt the relay's IP address from " + best.signature().product() + "'s SSL inspection.");
        for (IssuerSignatures.Match m : hits) {
            b.evidence(new Evidence(src, "certificate " + m.index(), m.signature().product() + " ["
                    + m.signature().category() + ", " + m.signature().confidence().name().toLowerCase(Locale.ROOT)
                    + "]: " + m.signature().attribute() + "=" + m.value()));
        }
        j.findings.add(b.build());
        return best.signature().confidence() != Confidence.LOW;
    }

    /** Adds the forged-leaf findings only a forger produces; true when there was one. */
    private static boolean strongArtefacts(List<CertificateInfo> chain, Judgement j, String src) {
        CertificateInfo leaf = chain.get(0);
        boolean strong = false;
        if (!leaf.selfIssued()) {
            for (int i = 1; i < chain.size(); i++) {
                if (chain.get(i).spkiSha256().equals(leaf.spkiSha256()) && !chain.get(i).pem().equals(leaf.pem())) {
                    j.findings.add(TlsFindingCodes.FORGED_LEAF_KEY_EQUALS_ISSUER.builder()
                            .summary("The leaf certificate uses the same key as its issuer " + chain.get(i).subject()
                                    + ": a forging proxy that signs with its CA key (mitmproxy, squid ssl-bump do this)")
                            .evidence(new Evidence(src, "certificates 0 and " + i, "sha256/" + leaf.spkiSha256()))
                            .build());
                    strong = true;
                    break;
                }
            }
        }
        if (leaf.rsaExponent() == 3) {
            j.findings.add(TlsFindingCodes.FORGED_LEAF_RSA_EXPONENT_3.builder()
                    .summary("The leaf's RSA key has public exponent 3, which public CAs do not issue; sslsplit's "
                            + "forged leaves look like this")
                    .evidence(new Evidence(src, "certificate 0", leaf.toString()))
                    .build());
            strong = true;
        }
        return strong;
    }

    /** Adds the forged-leaf findings that also have innocent explanations (only worth saying when the chain is suspect). */
    private static void weakArtefacts(List<CertificateInfo> chain, Judgement j, String src) {
        CertificateInfo leaf = chain.get(0);
        if (chain.size() == 1 && !leaf.selfIssued()) {
            j.findings.add(TlsFindingCodes.LEAF_ONLY_CHAIN.builder()
                    .summary("Only the leaf was sent, without its issuer (mitmproxy sends forged leaves this way)")
                    .evidence(new Evidence(src, "certificate 0", leaf.subject() + " issued by " + leaf.issuer()))
                    .build());
        }
        for (int i = 0; i < chain.size(); i++) {
            for (int k = i + 1; k < chain.size(); k++) {
                if (chain.get(i).pem().equals(chain.get(k).pem())) {
                    j.findings.add(TlsFindingCodes.DUPLICATE_CERTIFICATE_IN_CHAIN.builder()
                            .summary("The chain sends " + chain.get(i).subject() + " twice (squid ssl-bump does this)")
                            .evidence(new Evidence(src, "certificates " + i + " and " + k, chain.get(i).subject()))
                            .build());
                    i = chain.size();
                    break;
                }
            }
        }
        Instant now = Instant.now();
        Duration life = Duration.between(leaf.notBefore(), leaf.notAfter());
        Duration age = Duration.between(leaf.notBefore(), now);
        if (!age.isNegative() && age.compareTo(Duration.ofDays(3)) <= 0
                && Math.abs(life.toDays() - 365) <= 3) {
            j.findings.add(TlsFindingCodes.LEAF_MINTED_ON_DEMAND.builder()
                    .summary("The leaf was issued " + age.toHours() + " h ago for one year — the pattern of "
                            + "certificates forged per connection (sslsplit: now−24 h, mitmproxy: now−2 days)")
                    .evidence(new Evidence(src, "certificate 0", leaf.notBefore() + " .. " + leaf.notAfter()))
                    .build());
        } else if (life.compareTo(Duration.ofDays(15)) <= 0) {
            j.findings.add(TlsFindingCodes.LEAF_SHORT_VALIDITY.builder()
                    .summary("The leaf is valid for " + life.toDays() + " days; some cloud proxies forge 14-day leaves")
                    .evidence(new Evidence(src, "certificate 0", leaf.notBefore() + " .. " + leaf.notAfter()))
                    .build());
        }
    }

    private static List<CertificateInfo> chain(Observation o, Judgement j, String src) {
        List<byte[]> ders = !o.libraryChain.isEmpty() ? o.libraryChain : o.parser.certificates();
        List<CertificateInfo> out = new ArrayList<>();
        for (int i = 0; i < ders.size(); i++) {
            try {
                out.add(CertificateInfo.fromDer(ders.get(i)));
            } catch (IllegalArgumentException e) {
                j.findings.add(TlsFindingCodes.CERTIFICATE_UNREADABLE.builder()
                        .summary("Certificate " + i + " of the chain could not be read: " + e.getMessage())
                        .evidence(Evidence.bytes(src, 0, ders.get(i).length, hexDump(ders.get(i), 32)))
                        .build());
            }
        }
        return out;
    }

    private static Evidence chainEvidence(List<CertificateInfo> chain, String src) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chain.size(); i++) {
            sb.append(i == 0 ? "" : " | ").append(i).append(": ").append(chain.get(i));
        }
        return new Evidence(src, "chain", sb.toString());
    }

    private static Evidence flightEvidence(Observation o, String src) {
        StringBuilder sb = new StringBuilder();
        sb.append(o.answer.length).append(" bytes in ").append(o.reads.size()).append(" reads");
        for (int i = 0; i < o.reads.size() && i < 16; i++) {
            FlightRead r = o.reads.get(i);
            sb.append(i == 0 ? ": " : ", ").append(r.length()).append("B@").append(String.format(Locale.ROOT, "%.2f",
                    r.afterHello().toNanos() / 1e6)).append("ms");
            if (i < o.readLabels.size()) {
                sb.append(" (").append(o.readLabels.get(i)).append(')');
            }
        }
        for (FlightRecord r : o.parser.records()) {
            if (r.index() >= 16) {
                sb.append("; …");
                break;
            }
            sb.append("; ").append(r);
        }
        o.parser.serverHellos().forEach(sh -> sb.append("; ServerHello ").append(sh));
        if (o.parser.malformed()) {
            sb.append("; malformed: ").append(o.parser.error());
        }
        return new Evidence(src, "server flight", sb.toString());
    }

    private static void latency(Observation o, Judgement j, String src) {
        if (o.connectNanos <= 0 || o.firstByteAt < 0 || o.helloSentAt < 0) {
            return;
        }
        long fb = o.firstByteAt - o.helloSentAt;
        double ratio = (double) fb / o.connectNanos;
        String text = "TCP connect " + millis(o.connectNanos) + ", hello → first byte " + millis(fb)
                + String.format(Locale.ROOT, " (%.1f× the connect time)", ratio);
        boolean delayed = ratio >= 3 && fb - o.connectNanos >= 20_000_000L;
        j.findings.add((delayed ? TlsFindingCodes.SERVER_HELLO_DELAYED : TlsFindingCodes.SERVER_HELLO_LATENCY).builder()
                .summary(delayed ? "The answer took " + String.format(Locale.ROOT, "%.1f", ratio) + "× the TCP connect "
                        + "time: an interceptor that dials the server before answering adds at least one round trip "
                        + "(a weak signal alone; compare several probes)" : text)
                .evidence(new Evidence(src, "timing", text))
                .build());
    }

    /** Lowercase spaced hex of up to {@code max} bytes, with "…" when cut. */
    static String hexDump(byte[] b, int max) {
        String h = java.util.HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(b.length, max));
        return b.length > max ? h + " …" : h;
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
