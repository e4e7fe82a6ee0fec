package io.mediapath.diagnose.report;

import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.RelayTarget;
import io.mediapath.diagnose.RootCause;
import io.mediapath.diagnose.capture.CaptureDiagnosis;
import io.mediapath.diagnose.capture.RelayFlow;
import io.mediapath.diagnose.playbook.EdgeReport;
import io.mediapath.diagnose.playbook.LiveConfirmation;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.LegResult;
import io.mediapath.diagnose.playbook.LegStatus;
import io.mediapath.diagnose.playbook.Modality;
import io.mediapath.diagnose.playbook.RootCauseCombiner;
import io.mediapath.diagnose.playbook.SingleLeg;
import io.mediapath.diagnose.playbook.ModalityVerdict;
import io.mediapath.diagnose.playbook.Support;
import io.mediapath.ice.CandidateMatrix;
import io.mediapath.ice.CandidateTransport;
import io.mediapath.ice.CandidateType;
import io.mediapath.ice.Feasibility;
import io.mediapath.ice.Finding;
import io.mediapath.ice.MediaAudit;
import io.mediapath.ice.Severity;
import io.mediapath.sdp.msdiag.IceWarnFlag;
import io.mediapath.tls.CertificateInfo;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.Verdict;
import io.mediapath.ice.probe.ProbeResult;
import io.mediapath.turn.ProbeStep;
import io.mediapath.turn.StunTransport;
import io.mediapath.turn.TurnProbeReport;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders mediapath's results as one self-contained HTML page each: inline CSS and SVG, no script and no external
 * resource (a Content-Security-Policy forbids both), light and dark schemes, printable. The same result objects the
 * text and JSON reports read: {@link Diagnosis} ({@code analyze}), {@link EdgeReport} ({@code edge}),
 * {@link TlsInspection} ({@code tls}), {@link TurnProbeReport} and the MS-TURN {@link ProbeResult} ({@code turn}),
 * {@code NatReport} ({@code nat}) and {@code QualityResult} ({@code quality}).
 *
 * <p>At the top, the root cause (or the verdict) in one paragraph and, where the result has one, the modality table;
 * then a sequence (ladder) diagram per probe leg drawn from its timeline, with what differs from a genuine relay
 * marked; the certificate chain as cards; the findings with their evidence. Everything that came from the network or
 * the input is escaped (and the CSP keeps anything that slipped through inert); evidence excerpts are redacted where
 * they are made ({@link io.mediapath.ice.Evidence}). Sizes are bounded: findings past a limit are counted, ladders
 * keep a bounded number of steps.
 */
public final class HtmlReport {

    /** Dialogs shown per input; the rest are counted (their findings are in the findings table's counts). */
    static final int MAX_DIALOGS = 50;
    /** Characters of the text report embedded per input (the page of a huge log stays small). */
    static final int MAX_TEXT = 200_000;

    private HtmlReport() {
    }

    // ---- analyze ----

    /** The page of one diagnosis. */
    public static String render(Diagnosis d) {
        return render(List.of(d));
    }

    /** One page for several inputs: a section per diagnosis (one HTML document, whatever the number of inputs). */
    public static String render(List<Diagnosis> diagnoses) {
        String title = diagnoses.size() == 1 ? diagnoses.get(0).source() : diagnoses.size() + " inputs";
        StringBuilder sb = Html.begin("mediapath analyze: " + title);
        for (Diagnosis d : diagnoses) {
            analyzeSection(sb, d);
        }
        return Html.end(sb);
    }

    /**
     * One page for the inputs of {@code analyze}, captures first (as the text report prints them): each capture's root
     * cause and modality table, its relay flows, the observed exchange of each (pseudo-)TLS flow as a ladder with what
     * it concluded, the unencrypted SIP it held; then a section per log.
     */
    public static String render(List<Diagnosis> diagnoses, List<CaptureDiagnosis> captures) {
        int n = diagnoses.size() + captures.size();
        String title = n != 1 ? n + " inputs" : captures.isEmpty() ? diagnoses.get(0).source() : captures.get(0).source();
        StringBuilder sb = Html.begin("mediapath analyze: " + title);
        for (CaptureDiagnosis c : captures) {
            captureSection(sb, c);
        }
        for (Diagnosis d : diagnoses) {
            analyzeSection(sb, d);
        }
        return Html.end(sb);
    }

    /** Flows drawn as ladders per capture; the flows table lists the rest. */
    static final int MAX_FLOW_LADDERS = 20;

    private static void captureSection(StringBuilder sb, CaptureDiagnosis c) {
        sb.append("<section class=\"capture\">\n<h1>mediapath analyze: ").append(Html.esc(c.source()))
                .append("</h1>\n<p class=\"muted\">").append(Html.esc(c.format().toString().toLowerCase(Locale.ROOT)))
                .append(" capture, ").append(c.frames()).append(" frame(s), ").append(c.flows().size())
                .append(" relay flow(s) judged</p>\n");
        Html.rootCause(sb, c.rootCause());
        if (!c.modalities().isEmpty()) {
            modalities(sb, "Modalities (as the capture shows them)", c.modalities());
        }
        sb.append("<h2>Relay flows</h2>\n");
        if (c.flows().isEmpty()) {
            sb.append("<p class=\"muted\">no relay flow in the capture</p>\n");
        } else {
            sb.append("<table class=\"flows\" id=\"flows\"><tr><th>first frame</th><th>kind</th><th>flow</th>"
                    + "<th>relay known by</th><th>verdict</th></tr>\n");
            for (RelayFlow f : c.flows()) {
                sb.append("<tr class=\"").append(f.ok() ? "WORKS" : "FAILS").append("\"><td>").append(f.firstFrame())
                        .append("</td><td>").append(f.kind()).append("</td><td>").append(Html.esc(f.describe()))
                        .append("</td><td>").append(Html.esc(f.namedBy().isEmpty() ? "its content" : f.namedBy()))
                        .append("</td><td><code>").append(Html.esc(f.verdict())).append("</code></td></tr>\n");
            }
            sb.append("</table>\n");
        }
        c.moreFlows().forEach((verdict, count) -> sb.append("<p class=\"muted\">").append(count)
                .append(" more flow(s) judged ").append(Html.esc(verdict)).append(" (not kept in detail)</p>\n"));
        int drawn = 0;
        for (RelayFlow f : c.flows()) {
            if (f.inspection().isEmpty()) {
                continue;
            }
            if (drawn++ == MAX_FLOW_LADDERS) {
                sb.append("<p class=\"muted\">more flows not drawn (the table above lists them)</p>\n");
                break;
            }
            TlsInspection i = f.inspection().get();
            LegStatus st = f.kind() == RelayFlow.Kind.PSEUDO_TLS ? LegStatus.ofPseudoTls(i.verdict())
                    : LegStatus.ofTls(i, io.mediapath.diagnose.playbook.Dialect.TURN);
            Ladder.Answerer a = answerer(st);
            String name = "frame-" + f.firstFrame();
            sb.append("<section class=\"leg\" id=\"leg-").append(Html.token(name)).append("\">\n<h3>")
                    .append(Html.esc(f.describe() + " from frame " + f.firstFrame())).append(" — ")
                    .append(Html.esc(f.verdict())).append("</h3>\n");
            if (!f.findings().isEmpty()) {
                sb.append("<p>").append(Html.esc(f.findings().get(0).summary())).append("</p>\n");
            }
            ladder(sb, Ladder.of(name, f.server().toString(), i.timeline(), Optional.of(i), a,
                    a == Ladder.Answerer.BETWEEN ? "whatever answered" : "in between: nothing answered",
                    f.ok() ? "" : f.verdict() + (f.findings().isEmpty() ? "" : ": " + f.findings().get(0).summary())));
            sb.append("</section>\n");
        }
        List<Finding> all = new ArrayList<>(c.findings());
        c.flows().forEach(f -> all.addAll(f.findings()));
        all.sort(java.util.Comparator.comparing(Finding::severity).reversed());
        Html.findings(sb, "Findings", all);
        sb.append("</section>\n");
        c.signalling().ifPresent(d -> analyzeSection(sb, d));
    }

    private static void analyzeSection(StringBuilder sb, Diagnosis d) {
        sb.append("<section>\n<h1>mediapath analyze: ").append(Html.esc(d.source())).append("</h1>\n<p class=\"muted\">")
                .append(Html.esc(d.kind().name().toLowerCase(Locale.ROOT))).append(", ").append(d.messages())
                .append(" SIP message(s), ").append(d.dialogs().size()).append(" dialog(s) reported</p>\n");
        Html.rootCause(sb, d.rootCause());
        offlineModalities(sb, d);
        int n = 0;
        for (Diagnosis.DialogDiagnosis dd : d.dialogs()) {
            if (n == MAX_DIALOGS) {
                sb.append("<p class=\"muted\">").append(d.dialogs().size() - n)
                        .append(" more dialogs not shown (the JSON report has every one).</p>\n");
                break;
            }
            dialog(sb, ++n, dd);
        }
        Html.findings(sb, "Supporting findings", d.findings());
        String text = TextReport.render(d);
        boolean cut = text.length() > MAX_TEXT;
        if (cut) {
            int nl = text.lastIndexOf('\n', MAX_TEXT);
            text = text.substring(0, nl > 0 ? nl + 1 : MAX_TEXT);
        }
        sb.append("<details><summary>The text report</summary>\n<pre>").append(Html.esc(text))
                .append(cut ? "…\n(cut here: the whole text report is what the command prints)" : "")
                .append("</pre></details>\n</section>\n");
    }

    /**
     * What the input says about each modality, offline: the worst finding of its media sections (error or worse:
     * fails, warning: degraded) and the ICEWarn bits the clients reported for it. A suspicion, like the root cause.
     */
    private static void offlineModalities(StringBuilder sb, Diagnosis d) {
        Map<Modality, Severity> worst = new EnumMap<>(Modality.class);
        Map<Modality, List<String>> why = new EnumMap<>(Modality.class);
        for (Diagnosis.DialogDiagnosis dd : d.dialogs()) {
            dd.audit().ifPresent(a -> {
                for (MediaAudit m : a.media()) {
                    modality(m.mediaType()).ifPresent(mod -> {
                        Severity s = m.findings().stream().map(Finding::severity).max(Enum::compareTo)
                                .orElse(Severity.INFO);
                        worst.merge(mod, s, (x, y) -> x.compareTo(y) >= 0 ? x : y);
                        m.findings().stream().filter(f -> f.severity().atLeast(Severity.WARNING)).findFirst()
                                .ifPresent(f -> addWhy(why, mod, f.code() + ": " + f.summary()));
                    });
                }
            });
            for (Diagnosis.IceWarnDecode w : dd.iceWarns()) {
                modality(w.mediaType()).ifPresent(mod -> {
                    boolean warned = w.flags().stream().anyMatch(f -> !f.informational());
                    worst.merge(mod, warned ? Severity.WARNING : Severity.INFO, (x, y) -> x.compareTo(y) >= 0 ? x : y);
                    if (warned) {
                        addWhy(why, mod, "ICEWarn " + w.hex() + " (" + w.side() + "): " + String.join(", ",
                                w.flags().stream().filter(f -> !f.informational()).map(IceWarnFlag::name).toList()));
                    }
                });
            }
        }
        sb.append("<h2>Modalities (as the input shows them)</h2>\n<table class=\"modalities\" id=\"modalities\">"
                + "<tr><th>modality</th><th>verdict</th><th>why</th></tr>\n");
        for (Modality m : Modality.values()) {
            Severity s = worst.get(m);
            Support support = s == null ? Support.UNKNOWN : s.atLeast(Severity.ERROR) ? Support.FAILS
                    : s.atLeast(Severity.WARNING) ? Support.DEGRADED : Support.WORKS;
            String reason = s == null ? "not in the input" : why.getOrDefault(m, List.of("no finding of warning or worse"))
                    .stream().reduce((a, b) -> a + "; " + b).orElse("");
            sb.append("<tr class=\"").append(support).append("\"><td>").append(label(m)).append("</td><td>")
                    .append(support).append("</td><td>").append(Html.esc(Html.cut(reason, 400))).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void addWhy(Map<Modality, List<String>> why, Modality m, String text) {
        List<String> l = why.computeIfAbsent(m, k -> new ArrayList<>());
        if (l.size() < 3 && !l.contains(text)) {
            l.add(text);
        }
    }

    /** The modality of a media type as SDP or ms-diagnostics write it. */
    static Optional<Modality> modality(String mediaType) {
        String t = mediaType.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (t) {
            case "audio" -> Optional.of(Modality.AUDIO);
            case "video" -> Optional.of(Modality.VIDEO);
            case "applicationsharing", "appsharing" -> Optional.of(Modality.APPSHARING);
            case "data", "filetransfer" -> Optional.of(Modality.FILETRANSFER);
            default -> Optional.empty();
        };
    }

    private static String label(Modality m) {
        return switch (m) {
            case AUDIO -> "audio";
            case VIDEO -> "video";
            case APPSHARING -> "app sharing";
            case FILETRANSFER -> "file transfer";
        };
    }

    private static void dialog(StringBuilder sb, int n, Diagnosis.DialogDiagnosis dd) {
        sb.append("<div class=\"dialog\">\n<h2>").append(n).append(". ").append(Html.esc(dd.title())).append("</h2>\n");
        if (!dd.callId().isEmpty()) {
            sb.append("<p>Call-ID <code>").append(Html.esc(dd.callId())).append("</code></p>\n");
        }
        sb.append("<p class=\"muted\">caller ").append(Html.esc(dd.locations().caller().name().toLowerCase(Locale.ROOT)))
                .append(", callee ").append(Html.esc(dd.locations().callee().name().toLowerCase(Locale.ROOT))).append("</p>\n");
        dd.audit().ifPresent(a -> {
            for (MediaAudit m : a.media()) {
                sb.append("<h3>m=").append(Html.esc(m.mediaType())).append(' ').append(Html.esc(m.protocol())).append("</h3>\n");
                sb.append("<div class=\"cards\"><div>offer candidates").append(matrix(m.offerMatrix())).append("</div>");
                m.answerMatrix().ifPresent(x -> sb.append("<div>answer candidates").append(matrix(x)).append("</div>"));
                sb.append("</div>\n");
                if (m.answerMatrix().isPresent()) {
                    long ok = m.pairs().stream().filter(Feasibility.PairVerdict::feasible).count();
                    sb.append("<p>pairs (component 1): ").append(m.pairs().size()).append(" formed, ").append(ok)
                            .append(" could succeed</p>\n");
                }
            }
        });
        for (Diagnosis.IceWarnDecode w : dd.iceWarns()) {
            sb.append("<h3>ICEWarn ").append(Html.esc(w.mediaType())).append(" (").append(Html.esc(w.side()))
                    .append(") = <code>").append(Html.esc(w.hex())).append("</code></h3>\n<p>")
                    .append(Html.evidence(w.evidence())).append("</p>\n");
            if (w.flags().isEmpty()) {
                sb.append("<p class=\"muted\">no warning bits set</p>\n");
                continue;
            }
            sb.append("<table class=\"icewarn\"><tr><th>bit</th><th>name</th><th>meaning</th><th>remedy</th></tr>\n");
            for (IceWarnFlag f : w.flags()) {
                sb.append("<tr class=\"").append(f.informational() ? "INFO" : "WARNING").append("\"><td><code>")
                        .append(Html.esc(f.hex())).append("</code></td><td>").append(Html.esc(f.name())).append("</td><td>")
                        .append(Html.esc(f.meaning())).append("</td><td>").append(Html.esc(f.remedy())).append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        if (!dd.findings().isEmpty()) {
            sb.append("<p>").append(dd.findings().size()).append(" finding(s): ");
            int k = 0;
            for (Finding f : dd.findings()) {
                if (k++ == 20) {
                    sb.append("…");
                    break;
                }
                sb.append("<code class=\"").append(f.severity()).append("\">").append(Html.esc(f.code())).append("</code> ");
            }
            sb.append("</p>\n");
        }
        sb.append("</div>\n");
    }

    /** The candidate matrix: a row per type, a column per transport, as the text report's table. */
    private static String matrix(CandidateMatrix m) {
        List<CandidateTransport> cols = new ArrayList<>();
        for (CandidateTransport t : CandidateTransport.values()) {
            boolean used = t == CandidateTransport.UDP || t == CandidateTransport.TCP_ACTIVE
                    || t == CandidateTransport.TCP_PASSIVE;
            for (CandidateType type : CandidateType.values()) {
                used |= m.count(type, t) > 0;
            }
            if (used) {
                cols.add(t);
            }
        }
        StringBuilder sb = new StringBuilder("<table class=\"matrix\"><tr><th></th>");
        cols.forEach(t -> sb.append("<th>").append(Html.esc(t.label())).append("</th>"));
        sb.append("</tr>");
        for (CandidateType type : CandidateType.values()) {
            if (type != CandidateType.HOST && type != CandidateType.SERVER_REFLEXIVE && type != CandidateType.RELAYED
                    && m.count(type) == 0) {
                continue;
            }
            sb.append("<tr><th>").append(Html.esc(type.token())).append("</th>");
            for (CandidateTransport t : cols) {
                int c = m.count(type, t);
                sb.append("<td>").append(c == 0 ? "–" : Integer.toString(c)).append("</td>");
            }
            sb.append("</tr>");
        }
        return sb.append("</table>").toString();
    }

    // ---- edge ----

    /** The page of an edge run: root cause, modality table, a ladder per leg, the certificate chains, findings. */
    public static String edge(EdgeReport r) {
        StringBuilder sb = Html.begin("mediapath edge " + r.target().host());
        edgeBody(sb, r, "h1");
        return Html.end(sb);
    }

    /**
     * The page of {@code analyze --probe}, one section per input: the root cause merged from the log and the live
     * runs first, then each relay's edge run (modality table, ladders, chains) as {@link #edge} draws it, then the
     * offline analysis.
     */
    public static String probed(List<Map.Entry<Diagnosis, LiveConfirmation.Result>> inputs) {
        String title = inputs.size() == 1 ? inputs.get(0).getKey().source() : inputs.size() + " inputs";
        StringBuilder sb = Html.begin("mediapath analyze --probe: " + title);
        for (Map.Entry<Diagnosis, LiveConfirmation.Result> in : inputs) {
            Diagnosis d = in.getKey();
            LiveConfirmation.Result live = in.getValue();
            sb.append("<section class=\"probed\">\n<h1>mediapath analyze --probe: ").append(Html.esc(d.source()))
                    .append("</h1>\n<p class=\"muted\">").append(live.runs().size()).append(" relay(s) for ")
                    .append(Html.esc(live.location().name().toLowerCase(Locale.ROOT)))
                    .append(" clients probed live</p>\n");
            Html.rootCause(sb, live.merged());
            sb.append("<p class=\"muted\">The log alone suggested: ").append(Html.esc(live.offline().code().name()))
                    .append("</p>\n");
            for (LiveConfirmation.RelayRun run : live.runs()) {
                RelayTarget t = run.relay();
                sb.append("<section class=\"relay\">\n<h2>Relay ").append(Html.esc(t.host()))
                        .append(Html.esc(t.address().map(x -> " [" + x + "]").orElse(""))).append(" (from ")
                        .append(t.source() == RelayTarget.Source.MRAS ? "MRAS mediaRelayList" : "ms-diagnostics LocalMR")
                        .append(")</h2>\n");
                if (run.report().isPresent()) {
                    edgeBody(sb, run.report().get(), "h2");
                } else {
                    sb.append("<p>no result: ").append(Html.esc(run.problem().orElse("?"))).append("</p>\n");
                }
                sb.append("</section>\n");
            }
            sb.append("</section>\n");
            analyzeSection(sb, d);
        }
        return Html.end(sb);
    }

    private static void edgeBody(StringBuilder sb, EdgeReport r, String heading) {
        EdgeTarget t = r.target();
        String dialect = t.dialect().name().toLowerCase(Locale.ROOT).replace('_', '-');
        sb.append("<").append(heading).append(">mediapath edge ").append(Html.esc(t.host())).append("</")
                .append(heading).append(">\n<p class=\"muted\">")
                .append(Html.esc(dialect + ", UDP " + t.udpPort() + ", TCP " + t.tcpPort()
                        + t.sni().map(s -> ", SNI " + s).orElse("") + ", " + r.elapsed().toMillis() + " ms"))
                .append("</p>\n");
        Html.rootCause(sb, r.rootCause());
        modalities(sb, "Modalities", r.modalities());
        sb.append("<h2>Legs</h2>\n<table class=\"legs\"><tr><th>leg</th><th>status</th><th>ms</th>"
                + "<th>what was seen</th></tr>\n");
        for (LegResult l : r.legs()) {
            sb.append("<tr class=\"").append(legClass(l.status())).append("\"><td><a href=\"#leg-")
                    .append(Html.token(l.name())).append("\">").append(Html.esc(l.name())).append("</a></td><td>")
                    .append(l.status()).append("</td><td>").append(l.result().elapsed().toMillis()).append("</td><td>")
                    .append(Html.esc(l.detail())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        for (LegResult l : byEvidence(r.legs())) {
            sb.append("<section class=\"leg\" id=\"leg-").append(Html.token(l.name())).append("\">\n<h3>")
                    .append(Html.esc(l.name())).append(" — ").append(l.status()).append("</h3>\n<p>")
                    .append(Html.esc(l.detail())).append("</p>\n");
            if (l.ran()) {
                Ladder.Answerer a = answerer(l.status());
                String between = l.product().map(p -> p + " (in between)").orElse(a == Ladder.Answerer.BETWEEN
                        ? "something in between" : "in between: nothing answered");
                boolean failed = l.status() != LegStatus.PASSED;
                ladder(sb, Ladder.of(l.name(), l.result().target().toString(), l.result().timeline(), l.inspection(),
                        a, between, failed ? l.detail() : ""));
            }
            sb.append("</section>\n");
        }
        certificates(sb, r.legs().stream().filter(l -> l.inspection().isPresent())
                .map(l -> Map.entry(l.name(), l.inspection().get())).toList());
        Html.findings(sb, "Findings", r.findings());
        sb.append("<details><summary>The text report</summary>\n<pre>").append(Html.esc(EdgeReports.text(r)))
                .append("</pre></details>\n");
    }

    /** The modality table: verdict, path and reason per modality, as the combiner concluded. */
    static void modalities(StringBuilder sb, String heading, List<ModalityVerdict> modalities) {
        sb.append("<h2>").append(Html.esc(heading)).append("</h2>\n<table class=\"modalities\" id=\"modalities\">"
                + "<tr><th>modality</th><th>verdict</th><th>path</th><th>why</th></tr>\n");
        for (ModalityVerdict m : modalities) {
            sb.append("<tr class=\"").append(m.support()).append("\"><td>").append(label(m.modality())).append("</td><td>")
                    .append(m.support()).append("</td><td>").append(Html.esc(m.path())).append("</td><td>")
                    .append(Html.esc(m.why())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    /**
     * The top of a one-probe page ({@code tls}, {@code turn}): the root cause and modality table the probe's one leg
     * supports ({@link SingleLeg}, the edge run's rules), then the probe's own verdict in one line.
     */
    private static void conclusion(StringBuilder sb, RootCauseCombiner.Conclusion c, String verdict, boolean ok,
            String qualifier) {
        Html.rootCause(sb, c.rootCause());
        modalities(sb, "Modalities (what this one probe decides)", c.modalities());
        sb.append("<p id=\"verdict\" class=\"").append(ok ? "WORKS" : "FAILS").append("\">Probe verdict: <code>")
                .append(Html.esc(verdict)).append("</code> <span class=\"muted\">").append(Html.esc(qualifier))
                .append("</span></p>\n");
    }

    /**
     * The legs whose ladders show the problem first (the relay protocol on TCP, then on UDP, then the others), then
     * the legs that passed, then those skipped; the legs table above keeps the run's fixed order.
     */
    private static List<LegResult> byEvidence(List<LegResult> legs) {
        List<LegResult> out = new ArrayList<>(legs);
        out.sort(java.util.Comparator.comparingInt((LegResult l) -> l.status() == LegStatus.SKIPPED ? 2
                : l.status() == LegStatus.PASSED ? 1 : 0).thenComparingInt(l -> switch (l.kind()) {
                    case TCP_RELAY -> 0;
                    case UDP_RELAY -> 1;
                    default -> 2;
                }));
        return out;
    }

    private static String legClass(LegStatus s) {
        return switch (s) {
            case PASSED -> "WORKS";
            case SKIPPED -> "UNKNOWN";
            default -> "FAILS";
        };
    }

    static Ladder.Answerer answerer(LegStatus s) {
        return switch (s) {
            case PASSED, AUTH_FAILED, SKIPPED -> Ladder.Answerer.RELAY;
            case SILENT, REFUSED -> Ladder.Answerer.NOBODY;
            case INTERCEPTED, HTTP_PROXY, RESET, FAILED -> Ladder.Answerer.BETWEEN;
        };
    }

    private static void ladder(StringBuilder sb, Ladder l) {
        sb.append("<figure class=\"ladder\">").append(l.svg());
        if (!l.marks().isEmpty()) {
            sb.append("<figcaption><ul class=\"marks\">\n");
            for (String m : l.marks()) {
                sb.append("<li class=\"mark\">").append(Html.esc(m)).append("</li>\n");
            }
            sb.append("</ul></figcaption>");
        }
        sb.append("</figure>\n");
    }

    /** Every distinct chain (by its leaf's key and subject) once, with the legs that saw it. */
    private static void certificates(StringBuilder sb, List<Map.Entry<String, TlsInspection>> seen) {
        Map<String, List<Map.Entry<String, TlsInspection>>> chains = new LinkedHashMap<>();
        for (Map.Entry<String, TlsInspection> e : seen) {
            List<CertificateInfo> c = e.getValue().chain();
            if (!c.isEmpty()) {
                chains.computeIfAbsent(c.get(0).spkiSha256() + "\n" + c.get(0).subject(), k -> new ArrayList<>()).add(e);
            }
        }
        if (chains.isEmpty()) {
            return;
        }
        sb.append("<h2>Certificates</h2>\n");
        for (List<Map.Entry<String, TlsInspection>> legs : chains.values()) {
            TlsInspection first = legs.get(0).getValue();
            CertificateCards.render(sb, first.chain(), first.findings(), "presented on "
                    + String.join(", ", legs.stream().map(Map.Entry::getKey).toList()) + " (" + first.verdict() + ")");
        }
    }

    // ---- tls ----

    /** The page of one TLS inspection ({@code mediapath tls}): verdict, the ladder of the exchange, the chain. */
    public static String tls(TlsInspection i) {
        StringBuilder sb = Html.begin("mediapath tls " + i.target());
        sb.append("<h1>mediapath tls ").append(Html.esc(i.target().toString())).append("</h1>\n<p class=\"muted\">")
                .append(Html.esc(i.probe() + (i.remoteAddress().isEmpty() ? "" : ", connected to " + i.remoteAddress())
                        + ", " + i.elapsed().toMillis() + " ms")).append("</p>\n");
        conclusion(sb, SingleLeg.conclude(i), i.verdict().name(), i.genuine(),
                i.confidence().name().toLowerCase(Locale.ROOT) + " confidence");
        Ladder.Answerer a = i.genuine() ? Ladder.Answerer.RELAY : switch (i.verdict()) {
            case CONNECT_FAILED, SILENT_AFTER_HELLO -> Ladder.Answerer.NOBODY;
            default -> Ladder.Answerer.BETWEEN;
        };
        String between = i.findings().stream().filter(f -> f.code().equals("INTERCEPTOR_PRODUCT_IDENTIFIED"))
                .flatMap(f -> f.evidence().stream()).map(e -> e.excerpt()).filter(x -> x.contains(" ["))
                .map(x -> x.substring(0, x.indexOf(" [")) + " (in between)").findFirst()
                .orElse(a == Ladder.Answerer.BETWEEN ? "whatever answered" : "in between: nothing answered");
        sb.append("<h2>The exchange</h2>\n<section class=\"leg\" id=\"leg-").append(Html.token(i.probe())).append("\">\n");
        ladder(sb, Ladder.of(i.probe(), i.target().toString(), i.timeline(), Optional.of(i), a, between,
                i.genuine() ? "" : failure(i)));
        sb.append("</section>\n");
        i.http().ifPresent(h -> sb.append("<h2>HTTP answer</h2>\n<p><code>").append(Html.esc(h.describe()))
                .append("</code></p>\n"));
        if (!i.chain().isEmpty()) {
            sb.append("<h2>Certificates</h2>\n");
            CertificateCards.render(sb, i.chain(), i.findings(), "presented by " + i.target());
        }
        Html.findings(sb, "Findings", i.findings());
        return Html.end(sb);
    }

    private static String failure(TlsInspection i) {
        return i.verdict() == Verdict.INTERCEPTED || i.findings().isEmpty() ? i.verdict().name()
                : i.verdict() + ": " + i.findings().get(0).summary();
    }

    // ---- turn ----

    /** The page of one TURN probe ({@code mediapath turn}): verdict, steps, the ladder, the relay's certificates. */
    public static String turn(TurnProbeReport r) {
        StringBuilder sb = Html.begin("mediapath turn " + r.uri());
        sb.append("<h1>mediapath turn ").append(Html.esc(r.uri().toString())).append("</h1>\n<p class=\"muted\">")
                .append(Html.esc(r.target() + ", " + r.elapsed().toMillis() + " ms")).append("</p>\n");
        conclusion(sb, SingleLeg.conclude(r), r.verdict(), r.passed(), r.passed() ? "all steps passed"
                : r.failedStep().map(s -> s.name() + " failed").orElse(""));
        sb.append("<h2>Steps</h2>\n<table class=\"steps\"><tr><th>step</th><th>status</th><th>ms</th><th>detail</th></tr>\n");
        for (ProbeStep s : r.steps()) {
            sb.append("<tr class=\"").append(s.status() == ProbeStep.Status.PASSED ? "WORKS"
                    : s.status() == ProbeStep.Status.FAILED ? "FAILS" : "UNKNOWN").append("\"><td>")
                    .append(Html.esc(s.name())).append("</td><td>").append(s.status()).append("</td><td>")
                    .append(s.elapsed().toMillis()).append("</td><td>").append(Html.esc(s.detail()))
                    .append(s.stunErrorCode().isPresent() ? " (STUN error " + s.stunErrorCode().getAsInt() + ")" : "")
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
        Ladder.Answerer a = switch (r.verdict()) {
            case "TURN_TIMEOUT", "TURN_UNREACHABLE", "TURN_CONNECT_REFUSED" -> Ladder.Answerer.NOBODY;
            case "TURN_TLS_FAILED" -> Ladder.Answerer.BETWEEN;
            default -> Ladder.Answerer.RELAY;
        };
        sb.append("<h2>The exchange</h2>\n<section class=\"leg\" id=\"leg-turn\">\n");
        ladder(sb, Ladder.of("turn", r.target().toString(), r.timeline(), Optional.empty(), a,
                a == Ladder.Answerer.BETWEEN ? "whatever answered" : "in between: nothing answered",
                r.passed() ? "" : r.failedStep().map(s -> s.name() + " failed: " + s.detail()).orElse(r.verdict())));
        sb.append("</section>\n");
        List<CertificateInfo> chain = new ArrayList<>();
        for (X509Certificate c : r.peerCertificates()) {
            try {
                chain.add(CertificateInfo.fromDer(c.getEncoded()));
            } catch (CertificateEncodingException | IllegalArgumentException e) {
                // a certificate the JDK accepted but that does not re-encode: left out of the cards
            }
        }
        if (!chain.isEmpty()) {
            sb.append("<h2>Certificates</h2>\n");
            CertificateCards.render(sb, chain, r.findings(), "presented by " + r.target() + " (TURN over TLS)");
        }
        Html.findings(sb, "Findings", r.findings());
        return Html.end(sb);
    }

    // ---- turn --ms-turn ----

    /**
     * The page of one MS-TURN probe ({@code mediapath turn --ms-turn}): root cause and modality table from its one
     * leg, the exchange as a ladder (pseudo-TLS hello, the Allocate, the 401), the findings.
     *
     * @param uri       the URI as given
     * @param result    the probe's result (verdict, findings, the timeline with the wire payloads)
     * @param transport UDP, or TCP (pseudo-TLS then framed MS-TURN)
     */
    public static String msTurn(String uri, ProbeResult result, StunTransport transport) {
        StringBuilder sb = Html.begin("mediapath turn --ms-turn " + uri);
        sb.append("<h1>mediapath turn --ms-turn ").append(Html.esc(uri)).append("</h1>\n<p class=\"muted\">")
                .append(Html.esc(result.target() + " (" + transport + "), " + result.elapsed().toMillis() + " ms"))
                .append("</p>\n");
        conclusion(sb, SingleLeg.concludeMsTurn(result, transport), result.verdict(), result.passed(),
                result.passed() ? "the Edge answered" : "");
        LegStatus status = LegStatus.ofMsTurn(result.verdict());
        Ladder.Answerer a = answerer(status);
        sb.append("<h2>The exchange</h2>\n<section class=\"leg\" id=\"leg-ms-turn\">\n");
        ladder(sb, Ladder.of("ms-turn", result.target().toString(), result.timeline(), Optional.empty(), a,
                a == Ladder.Answerer.BETWEEN ? "whatever answered" : "in between: nothing answered",
                result.passed() ? "" : result.verdict() + result.findings().stream().findFirst()
                        .map(f -> ": " + f.summary()).orElse("")));
        sb.append("</section>\n");
        Html.findings(sb, "Findings", result.findings());
        return Html.end(sb);
    }

    // ---- nat, quality ----

    /**
     * The page of an RFC 5780 NAT behaviour run ({@code mediapath nat}): the ICE outlook and what it means for direct
     * media first, then mapping, filtering, hairpinning and lifetime with the transactions that prove each, drawn as a
     * ladder (client, the server's two addresses) and listed.
     */
    public static String nat(io.mediapath.turn.nat.NatReport r) {
        return PathPages.nat(r);
    }

    /**
     * The page of a quality run through a relay ({@code mediapath quality}): the verdict and the modality table the
     * figures support first, then loss, RTT, jitter, reordering and duplicates against the thresholds, as a table and
     * a small inline SVG.
     */
    public static String quality(io.mediapath.turn.quality.QualityResult r) {
        return PathPages.quality(r);
    }

    // ---- scan ----

    /**
     * The page of a {@code scan} run: per cause how many targets and the first of them (the summary table), per
     * modality how many targets it works for, then the first failing targets as rows (bounded; the JSON Lines or CSV
     * output has every one).
     */
    public static String scan(ScanSummary s) {
        StringBuilder sb = Html.begin("mediapath scan " + s.input());
        sb.append("<h1>mediapath scan ").append(Html.esc(s.input())).append("</h1>\n<p class=\"muted\">")
                .append(s.targets()).append(" target(s), ").append(s.failed()).append(" failed")
                .append(s.invalid() > 0 ? ", " + s.invalid() + " malformed line(s)" : "").append(", ")
                .append(String.format(Locale.ROOT, "%.1f s", s.elapsed().toMillis() / 1000.0)).append("</p>\n");
        boolean ok = s.failed() == 0 && s.invalid() == 0;
        sb.append("<div class=\"cause").append(ok ? " NONE" : "").append("\" id=\"root-cause\">\n<h2>Causes</h2>\n")
                .append("<table class=\"causes\" id=\"causes\"><tr><th>cause</th><th>targets</th><th>first targets</th>"
                        + "</tr>\n");
        for (ScanSummary.Cause c : s.causes()) {
            sb.append("<tr class=\"").append(c.cause().equals("OK") || c.cause().equals("NONE") ? "WORKS" : "FAILS")
                    .append("\"><td><code>").append(Html.esc(c.cause())).append("</code></td><td>").append(c.count())
                    .append("</td><td>").append(Html.esc(String.join(", ", c.firstTargets())))
                    .append(c.count() > c.firstTargets().size() ? ", … " + (c.count() - c.firstTargets().size())
                            + " more" : "").append("</td></tr>\n");
        }
        sb.append("</table>\n</div>\n<h2>Modalities (targets per verdict)</h2>\n");
        if (s.modalities().isEmpty()) {
            sb.append("<p class=\"muted\" id=\"modalities\">no module of this scan judges modalities</p>\n");
        } else {
            List<String> supports = List.of("WORKS", "DEGRADED", "FAILS", "UNKNOWN");
            sb.append("<table class=\"modalities\" id=\"modalities\"><tr><th>modality</th>");
            supports.forEach(x -> sb.append("<th>").append(x).append("</th>"));
            sb.append("</tr>\n");
            for (Modality m : Modality.values()) {
                Map<String, Long> n = s.modalities().getOrDefault(m.label(), Map.of());
                sb.append("<tr><td>").append(label(m)).append("</td>");
                for (String x : supports) {
                    long c = n.getOrDefault(x, 0L);
                    sb.append("<td").append(c > 0 ? " class=\"" + x + "\"" : "").append(">").append(c).append("</td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</table>\n");
        }
        sb.append("<h2>Targets that failed (").append(s.rows().size() + s.rowsOmitted()).append(")</h2>\n");
        if (!s.rows().isEmpty()) {
            sb.append("<table class=\"targets\"><tr><th>line</th><th>target</th><th>module</th><th>ms</th><th>cause</th>"
                    + "<th>product</th><th>detail</th></tr>\n");
            for (ScanSummary.Row r : s.rows()) {
                sb.append("<tr class=\"FAILS target\"><td>").append(r.line()).append("</td><td>").append(Html.esc(r.target()))
                        .append("</td><td>").append(Html.esc(r.module())).append("</td><td>").append(r.millis())
                        .append("</td><td><code>").append(Html.esc(r.cause())).append("</code></td><td>")
                        .append(Html.esc(r.product())).append("</td><td>").append(Html.esc(Html.cut(r.detail(), 400)))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        if (s.rowsOmitted() > 0) {
            sb.append("<p class=\"muted\">").append(s.rowsOmitted())
                    .append(" more failing targets not listed here (the JSON Lines or CSV output has every one).</p>\n");
        }
        return Html.end(sb);
    }
}
