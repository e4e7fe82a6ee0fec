package io.mediapath.diagnose.capture;

import io.mediapath.capture.CaptureFormat;
import io.mediapath.capture.CaptureFormatException;
import io.mediapath.capture.CaptureReader;
import io.mediapath.capture.Datagram;
import io.mediapath.capture.Flow;
import io.mediapath.capture.FlowTable;
import io.mediapath.capture.Frame;
import io.mediapath.capture.TcpFlow;
import io.mediapath.capture.UdpFlow;
import io.mediapath.diagnose.Analyzer;
import io.mediapath.diagnose.DiagnoseFindingCodes;
import io.mediapath.diagnose.Diagnosis;
import io.mediapath.diagnose.UnreadableInputException;
import io.mediapath.diagnose.RootCause;
import io.mediapath.diagnose.RootCauseCode;
import io.mediapath.diagnose.playbook.Dialect;
import io.mediapath.diagnose.playbook.EdgeTarget;
import io.mediapath.diagnose.playbook.LegKind;
import io.mediapath.diagnose.playbook.LegResult;
import io.mediapath.diagnose.playbook.LegStatus;
import io.mediapath.diagnose.playbook.Modality;
import io.mediapath.diagnose.playbook.ModalityVerdict;
import io.mediapath.diagnose.playbook.RootCauseCombiner;
import io.mediapath.diagnose.playbook.Support;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.ice.Severity;
import io.mediapath.tls.InspectOptions;
import io.mediapath.tls.TlsInspection;
import io.mediapath.tls.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a pcap or pcapng capture and judges its media-relay flows like the live probes would: TCP flows that open
 * with a TLS-looking hello on any port (pseudo-TLS or TLS, through tls-inspect's verdict engine), and STUN/TURN on
 * UDP or TCP, any port (turn-client's decoders). Relays given with {@link Builder#relay} or named by SIP in the
 * capture come first. Memory is bounded whatever the capture's size (the {@code capture} module's flow table, at
 * most {@link Builder#maxFlowsInDetail} flows kept in detail, the rest counted per verdict).
 *
 * <p>Immutable and thread-safe; each {@code analyze} call reads one capture.
 */
public final class CaptureAnalyzer {

    private final Set<String> relays;
    private final InspectOptions options;
    private final int maxDetail;
    private final FlowTable.Builder table;

    private CaptureAnalyzer(Builder b) {
        this.relays = Set.copyOf(b.relays);
        this.options = b.options;
        this.maxDetail = b.maxDetail;
        this.table = b.table;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads and judges a capture file. */
    public CaptureDiagnosis analyze(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return analyze(in, file.getFileName().toString());
        }
    }

    /**
     * Reads and judges a capture from a stream (not closed here). A file cut short (or corrupt part-way) is
     * judged up to the cut and reported as {@code CAPTURE_TRUNCATED}; a stream that is not a capture at all throws.
     *
     * @throws CaptureFormatException when the stream is not a pcap or pcapng capture
     */
    public CaptureDiagnosis analyze(InputStream in, String name) throws IOException {
        Collector c = new Collector(name);
        List<Finding> findings = new ArrayList<>();
        CaptureReader reader = CaptureReader.open(new java.io.FilterInputStream(in) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        });
        FlowTable t = table.build(c::flow);
        CaptureFormat format = reader.format();
        try {
            for (Frame f = reader.next(); f != null; f = reader.next()) {
                t.accept(f);
            }
        } catch (CaptureFormatException e) {
            findings.add(DiagnoseFindingCodes.CAPTURE_TRUNCATED.builder()
                    .summary("The capture could not be read past frame " + reader.frames() + " (" + e.reason() + "): "
                            + "flows are judged on what came before")
                    .evidence(new Evidence(name, "offset " + e.offset(), e.getMessage()))
                    .remedy("Take the capture again, or copy it whole; a capture stopped by a full disk or a killed "
                            + "capture process ends like this.")
                    .build());
        }
        t.finish();
        long frames = reader.frames();
        List<RelayFlow> flows = c.sorted();
        if (flows.isEmpty() && c.more.isEmpty()) {
            findings.add(DiagnoseFindingCodes.CAPTURE_NO_RELAY_TRAFFIC.builder()
                    .summary("No TCP flow opening with a TLS hello and no STUN/TURN exchange in " + frames + " frames")
                    .evidence(new Evidence(name, "frames 1-" + Math.max(1, frames), t.count(FlowTable.Counter.TRANSPORT)
                            + " TCP/UDP packets, " + t.count(FlowTable.Counter.FLOWS) + " flows"))
                    .remedy("Capture on the client while the failing call is set up, without a port filter (relays answer "
                            + "on 443, 3478 and 50000-59999).")
                    .build());
        }
        Judged j = conclude(name, flows, options);
        Optional<Diagnosis> signalling = Optional.empty();
        if (c.sip.messages() > 0) {
            try {
                signalling = Optional.of(Analyzer.builder().build().analyze(c.sip.log(), name + " (SIP)"));
            } catch (UnreadableInputException e) {
                // SIP-looking payloads the log reader cannot read: the flows still stand on their own.
            }
        }
        RootCause cause = j.cause();
        if (flows.isEmpty() && c.more.isEmpty() && signalling.isPresent()) {
            RootCause s = signalling.get().rootCause();
            if (s.code() != RootCauseCode.NONE && s.code() != RootCauseCode.UNDETERMINED) {
                cause = s; // no relay traffic to judge, but the signalling names the cause (e.g. a BYE's ICEWarn)
            }
        }
        return new CaptureDiagnosis(name, format, frames, flows, c.more, findings, cause, j.modalities(), signalling);
    }

    private final class Collector {
        final String name;
        final List<RelayFlow> detail = new ArrayList<>();
        final Map<String, Long> more = new TreeMap<>();
        final SipRelays sip = new SipRelays();

        Collector(String name) {
            this.name = name;
        }

        void flow(Flow f) {
            RelayFlow r = f instanceof TcpFlow t ? tcp(t) : udp((UdpFlow) f);
            if (r == null) {
                return;
            }
            if (detail.size() < maxDetail || !r.namedBy().isEmpty()) {
                detail.add(r);
            } else {
                more.merge(r.kind() + " " + r.verdict(), 1L, Long::sum);
            }
        }

        private RelayFlow tcp(TcpFlow t) {
            if (t.server().port() == 5060 || t.client().port() == 5060) {
                sip.scan(t.toServer().head(), t.firstFrame());
                sip.scan(t.toClient().head(), t.firstFrame());
                return null;
            }
            String source = "capture " + name + " tcp " + t.client() + " > " + t.server();
            if (TlsFlowJudge.applies(t)) {
                TlsInspection i = TlsFlowJudge.judge(t, source, options);
                RelayFlow.Kind kind = "pseudo-tls".equals(i.probe()) ? RelayFlow.Kind.PSEUDO_TLS : RelayFlow.Kind.TLS;
                // A TLS 1.3 chain is out of a capture's sight: such a flow is never called fine on what it hides.
                boolean ok = i.genuine() && !i.has("TLS13_CHAIN_NOT_VISIBLE");
                String verdict = i.verdict().name();
                List<Finding> findings = i.findings();
                if (kind == RelayFlow.Kind.PSEUDO_TLS && i.verdict() == Verdict.GENUINE_PSEUDO_TLS) {
                    // The genuine answer opens the MS-TURN exchange: the 401, then Allocate success or error.
                    List<StunFlowJudge.Msg> ms = StunFlowJudge.msTurnAfterPseudoTls(t);
                    if (!ms.isEmpty()) {
                        StunFlowJudge.Result r = StunFlowJudge.judge(ms, source);
                        findings = new ArrayList<>(r.findings());
                        findings.addAll(i.findings());
                        findings.sort(Comparator.comparing(Finding::severity).reversed());
                        ok = r.ok();
                        if (!r.ok()) {
                            verdict = r.verdict(); // AUTH_FAILED, ERROR_<code>, NO_ANSWER: past the pseudo-TLS
                        }
                    }
                }
                return new RelayFlow(kind, t.client(), t.server(), t.firstFrame(), namedBy(t.server().ip()),
                        verdict, ok, Optional.of(i), findings);
            }
            List<StunFlowJudge.Msg> msgs = StunFlowJudge.messages(t);
            if (!msgs.isEmpty()) {
                StunFlowJudge.Result r = StunFlowJudge.judge(msgs, source);
                return new RelayFlow(RelayFlow.Kind.STUN_TCP, t.client(), t.server(), t.firstFrame(),
                        namedBy(t.server().ip()), r.verdict(), r.ok(), Optional.empty(), r.findings());
            }
            return null;
        }

        private RelayFlow udp(UdpFlow u) {
            if (u.server().port() == 5060 || u.client().port() == 5060) {
                for (Datagram d : u.datagrams()) {
                    sip.scan(d.payload(), d.frame());
                }
                return null;
            }
            List<StunFlowJudge.Msg> msgs = StunFlowJudge.messages(u);
            if (msgs.isEmpty()) {
                return null;
            }
            String source = "capture " + name + " udp " + u.client() + " > " + u.server();
            StunFlowJudge.Result r = StunFlowJudge.judge(msgs, source);
            return new RelayFlow(RelayFlow.Kind.STUN_UDP, u.client(), u.server(), u.firstFrame(), namedBy(u.server().ip()),
                    r.verdict(), r.ok(), Optional.empty(), r.findings());
        }

        private String namedBy(String ip) {
            if (relays.contains(ip.toLowerCase(Locale.ROOT))) {
                return "--relay";
            }
            Long frame = sip.relays().get(ip.toLowerCase(Locale.ROOT));
            return frame != null ? "SIP frame " + frame : "";
        }

        List<RelayFlow> sorted() {
            // SIP may come after the flows it names were emitted: name them now.
            List<RelayFlow> out = new ArrayList<>();
            for (RelayFlow r : detail) {
                String n = r.namedBy().isEmpty() ? namedBy(r.server().ip()) : r.namedBy();
                out.add(n.equals(r.namedBy()) ? r : new RelayFlow(r.kind(), r.client(), r.server(), r.firstFrame(), n,
                        r.verdict(), r.ok(), r.inspection(), r.findings()));
            }
            out.sort(Comparator.comparing((RelayFlow r) -> r.namedBy().isEmpty()).thenComparingLong(RelayFlow::firstFrame));
            return out;
        }
    }

    /** The capture's root cause and modality table. */
    record Judged(RootCause cause, List<ModalityVerdict> modalities) {
    }

    /**
     * The capture's answer in the edge playbook's form: the relay flows become the legs they correspond to (UDP
     * STUN/TURN the UDP relay leg; pseudo-TLS or STUN over TCP the TCP relay leg; TLS the TURNS leg of a TURN relay,
     * or a browser leg of an Edge) and go through {@link RootCauseCombiner#combineObserved}, the same rules as
     * {@code mediapath edge}, relay by relay (named relays first). The relay whose legs name the most urgent cause
     * answers. The evidence is the flows' own, citing frame numbers.
     */
    static Judged conclude(String name, List<RelayFlow> flows, InspectOptions options) {
        List<RelayFlow> named = flows.stream().filter(r -> !r.namedBy().isEmpty()).toList();
        List<RelayFlow> judged = named.isEmpty() ? flows : named;
        RootCause byFlows = rootCause(name, flows, Map.of());
        if (judged.isEmpty()) {
            List<ModalityVerdict> unknown = new ArrayList<>();
            for (Modality m : Modality.values()) {
                unknown.add(new ModalityVerdict(m, Support.UNKNOWN, "none", "the capture holds no relay traffic"));
            }
            return new Judged(byFlows, unknown);
        }
        Map<String, List<RelayFlow>> byRelay = new java.util.LinkedHashMap<>();
        for (RelayFlow r : judged) {
            byRelay.computeIfAbsent(r.server().ip(), k -> new ArrayList<>()).add(r);
        }
        Judged best = null;
        for (Map.Entry<String, List<RelayFlow>> e : byRelay.entrySet()) {
            Judged j = relay(name, e.getKey(), e.getValue());
            if (best == null || rank(j.cause().code()) < rank(best.cause().code())) {
                best = j;
            }
        }
        return best;
    }

    /** One relay's flows through the combiner. */
    private static Judged relay(String name, String ip, List<RelayFlow> flows) {
        boolean msTurn = flows.stream().anyMatch(r -> r.kind() == RelayFlow.Kind.PSEUDO_TLS
                || r.findings().stream().anyMatch(f -> f.summary().contains("MS-TURN")));
        Dialect dialect = msTurn ? Dialect.MS_TURN : Dialect.TURN;
        int udp = flows.stream().filter(r -> r.kind() == RelayFlow.Kind.STUN_UDP).mapToInt(r -> r.server().port())
                .findFirst().orElse(3478);
        int tcp = flows.stream().filter(r -> r.kind() != RelayFlow.Kind.STUN_UDP).mapToInt(r -> r.server().port())
                .findFirst().orElse(443);
        EdgeTarget target = EdgeTarget.builder(ip).udpPort(udp).tcpPort(tcp).dialect(dialect).build();
        // Failing flows first: the combiner reads the first leg of each kind, and a retry that worked must not hide
        // the attempt that did not.
        List<RelayFlow> ordered = new ArrayList<>(flows);
        ordered.sort(Comparator.comparing(RelayFlow::ok));
        List<LegResult> legs = new ArrayList<>();
        boolean hidden = false;
        for (RelayFlow r : ordered) {
            if (r.inspection().isPresent() && r.inspection().get().verdict() == Verdict.GENUINE_TLS && !r.ok()) {
                hidden = true; // a TLS 1.3 chain out of the capture's sight: no leg result to give
                continue;
            }
            legs.add(leg(name, r, dialect));
        }
        RootCauseCombiner.Conclusion c = RootCauseCombiner.combineObserved(target, legs);
        RootCause byFlows = rootCause(name, flows, Map.of());
        RootCause cause = c.rootCause();
        if (cause.code() == RootCauseCode.UNDETERMINED && byFlows.code() != RootCauseCode.NONE
                || cause.code() == RootCauseCode.NONE && hidden) {
            cause = byFlows; // the flow-level reason is more precise than "not every modality could be judged"
        } else {
            // The combiner's cause in the capture's own evidence: the flows and their frames.
            List<Evidence> ev = new ArrayList<>(byFlows.evidence());
            // Each flow the legs came from, by its first frame (failing ones first), so it can be opened in Wireshark.
            ordered.stream().limit(6).forEach(r -> ev.add(new Evidence("capture " + name, "frame " + r.firstFrame(),
                    r.kind() + " " + r.describe() + ": " + r.verdict())));
            cause = new RootCause(cause.code(), cause.summary(), cause.remedy(),
                    cause.product().or(byFlows::product), ev);
        }
        return new Judged(cause, c.modalities());
    }

    /** A relay flow as the edge leg it corresponds to. */
    private static LegResult leg(String name, RelayFlow r, Dialect dialect) {
        LegKind kind;
        LegStatus status;
        Optional<String> product = r.findings().stream().filter(f -> f.code().equals("INTERCEPTOR_PRODUCT_IDENTIFIED"))
                .map(Finding::summary).findFirst();
        switch (r.kind()) {
            case STUN_UDP -> {
                kind = LegKind.UDP_RELAY;
                status = stunStatus(r);
            }
            case STUN_TCP -> {
                kind = LegKind.TCP_RELAY;
                status = stunStatus(r);
            }
            case PSEUDO_TLS -> {
                kind = LegKind.TCP_RELAY;
                // Past a genuine pseudo-TLS answer the MS-TURN exchange decides (its verdict replaced the TLS one).
                status = isTlsVerdict(r.verdict()) ? LegStatus.ofPseudoTls(Verdict.valueOf(r.verdict()))
                        : stunStatus(r);
            }
            default -> {
                TlsInspection i = r.inspection().orElseThrow();
                // To an Edge, real TLS is what a browser (or a web proxy's check) sends, not the relay's hello.
                kind = dialect == Dialect.TURN ? LegKind.TURNS : LegKind.BROWSER_SNI;
                status = LegStatus.ofTls(i, dialect);
            }
        }
        String detail = r.describe() + " from frame " + r.firstFrame() + ": " + r.verdict() + r.findings().stream()
                .filter(f -> f.severity().compareTo(Severity.WARNING) >= 0).findFirst()
                .map(f -> " — " + f.summary()).orElse("");
        io.mediapath.ice.probe.ProbeResult pr = new io.mediapath.ice.probe.ProbeResult("capture " + name,
                new io.mediapath.ice.TransportAddress(r.server().ip(), r.server().port()), r.verdict(), r.ok(),
                r.findings(), List.of(), java.time.Duration.ZERO);
        return new LegResult(kind, kind.label(), status, detail, pr, product, List.of(r.server().ip()));
    }

    private static LegStatus stunStatus(RelayFlow r) {
        if (r.ok()) {
            return LegStatus.PASSED;
        }
        return switch (r.verdict()) {
            case "AUTH_FAILED" -> LegStatus.AUTH_FAILED;
            case "NO_ANSWER" -> LegStatus.SILENT;
            default -> LegStatus.FAILED;
        };
    }

    /**
     * One cause for the capture: the named relays' flows if any, else every relay flow. A failing relay flow names
     * the cause (interception before a reset before silence before a blocked connect, as the live playbook ranks
     * them); when every flow is genuine, nothing is wrong.
     */
    static RootCause rootCause(String name, List<RelayFlow> flows, Map<String, Long> more) {
        List<RelayFlow> named = flows.stream().filter(r -> !r.namedBy().isEmpty()).toList();
        List<RelayFlow> judged = named.isEmpty() ? flows : named;
        if (judged.isEmpty()) {
            return RootCause.of(RootCauseCode.UNDETERMINED, "The capture " + name + " holds no media-relay traffic to "
                    + "judge", "Capture on the client while the failing call is set up, without a port filter.", List.of());
        }
        RootCauseCode best = null;
        RelayFlow because = null;
        for (RelayFlow r : judged) {
            RootCauseCode c = code(r);
            if (c != RootCauseCode.NONE && (best == null || rank(c) < rank(best))) {
                best = c;
                because = r;
            }
        }
        if (best == null) {
            return RootCause.none(judged.size() + " relay flow(s) in " + name + " answered as the relay should ("
                    + String.join(", ", new LinkedHashSet<>(judged.stream().map(RelayFlow::verdict).toList())) + ")");
        }
        List<Evidence> ev = new ArrayList<>();
        because.findings().stream().filter(f -> f.severity().compareTo(Severity.WARNING) >= 0).findFirst()
                .ifPresent(f -> ev.addAll(f.evidence()));
        String remedy = because.findings().stream().map(Finding::remedy).filter(Objects::nonNull)
                .filter(s -> !s.isEmpty()).findFirst().orElse("");
        Optional<String> product = because.findings().stream()
                .filter(f -> f.code().equals("INTERCEPTOR_PRODUCT_IDENTIFIED")).map(Finding::summary).findFirst();
        String summary = "The relay flow " + because.describe() + " (first frame " + because.firstFrame() + ") was "
                + because.verdict() + ": " + because.findings().stream().filter(f -> f.severity().compareTo(Severity.WARNING) >= 0)
                .map(Finding::summary).findFirst().orElse(because.verdict());
        return new RootCause(best, summary, remedy, product, ev);
    }

    private static int rank(RootCauseCode c) {
        return switch (c) {
            case TLS_INTERCEPTED -> 0;
            case HTTP_PROXY -> 1;
            case MIDDLEBOX_RESET -> 2;
            case MIDDLEBOX_SILENT -> 3;
            case TCP_BLOCKED -> 4;
            case AUTH_FAILED -> 5;
            case UDP_BLOCKED -> 6;
            default -> 7;
        };
    }

    private static boolean isTlsVerdict(String v) {
        return java.util.Arrays.stream(Verdict.values()).anyMatch(x -> x.name().equals(v));
    }

    static RootCauseCode code(RelayFlow r) {
        if (r.ok()) {
            return RootCauseCode.NONE;
        }
        if ((r.kind() == RelayFlow.Kind.PSEUDO_TLS || r.kind() == RelayFlow.Kind.TLS) && isTlsVerdict(r.verdict())) {
            if (r.verdict().equals(Verdict.GENUINE_TLS.name())) {
                return RootCauseCode.UNDETERMINED; // judged genuine but not ok: a TLS 1.3 chain the capture cannot show
            }
            return switch (Verdict.valueOf(r.verdict())) {
                case INTERCEPTED, TLS_ALERT, NOT_TLS -> RootCauseCode.TLS_INTERCEPTED;
                case HTTP_PROXY_RESPONSE -> RootCauseCode.HTTP_PROXY;
                case RESET_AFTER_HELLO, CLOSED_AFTER_HELLO -> RootCauseCode.MIDDLEBOX_RESET;
                case SILENT_AFTER_HELLO -> RootCauseCode.MIDDLEBOX_SILENT;
                case CONNECT_FAILED -> RootCauseCode.TCP_BLOCKED;
                default -> RootCauseCode.UNDETERMINED;
            };
        }
        return switch (r.verdict()) {
            case "AUTH_FAILED" -> RootCauseCode.AUTH_FAILED;
            case "NO_ANSWER" -> r.kind() == RelayFlow.Kind.STUN_UDP ? RootCauseCode.UDP_BLOCKED : RootCauseCode.TCP_BLOCKED;
            default -> RootCauseCode.UNDETERMINED;
        };
    }

    /** Options of a {@link CaptureAnalyzer}. */
    public static final class Builder {
        private final Set<String> relays = new LinkedHashSet<>();
        private InspectOptions options = InspectOptions.defaults();
        private int maxDetail = 1000;
        private FlowTable.Builder table = FlowTable.builder();

        private Builder() {
        }

        /** A relay's IP address (as given with {@code --relay}; a port, if any, is ignored): its flows come first. */
        public Builder relay(String ip) {
            String s = ip.trim();
            if (s.startsWith("[") && s.contains("]")) {
                s = s.substring(1, s.indexOf(']'));
            } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                s = s.substring(0, s.indexOf(':'));
            }
            relays.add(s.toLowerCase(Locale.ROOT));
            return this;
        }

        /** Trust anchors, pins and issuer signatures for judging TLS chains (default {@link InspectOptions#defaults()}). */
        public Builder inspectOptions(InspectOptions o) {
            options = Objects.requireNonNull(o, "options");
            return this;
        }

        /** Relay flows reported in full (default 1000); later ones are counted per verdict. Named relays always are. */
        public Builder maxFlowsInDetail(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxFlowsInDetail " + n);
            }
            maxDetail = n;
            return this;
        }

        /** The flow table's bounds (default {@link FlowTable#builder()}). */
        public Builder flowTable(FlowTable.Builder b) {
            table = Objects.requireNonNull(b, "flowTable");
            return this;
        }

        /** The analyzer. */
        public CaptureAnalyzer build() {
            return new CaptureAnalyzer(this);
        }
    }
}
