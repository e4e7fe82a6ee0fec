package io.mediapath.diagnose;

import io.mediapath.diagnose.Diagnosis.DialogDiagnosis;
import io.mediapath.diagnose.Diagnosis.IceWarnDecode;
import io.mediapath.diagnose.Diagnosis.InputKind;
import io.mediapath.ice.AuditReport;
import io.mediapath.ice.CandidateAudit;
import io.mediapath.ice.DiagnosticsAudit;
import io.mediapath.ice.Evidence;
import io.mediapath.ice.Finding;
import io.mediapath.sdp.msdiag.Location;
import io.mediapath.ice.SdpSource;
import io.mediapath.ice.Severity;
import io.mediapath.sdp.SdpParseException;
import io.mediapath.sdp.SessionDescription;
import io.mediapath.sdp.msdiag.DiagnosticsHeader;
import io.mediapath.sdp.msdiag.MediaDebug;
import io.mediapath.sdp.msdiag.MsDiagnostics;
import io.mediapath.sdp.msdiag.MsDiagnosticsParseException;
import io.mediapath.sdp.sip.BodyPart;
import io.mediapath.sdp.sip.DialogCorrelator;
import io.mediapath.sdp.sip.Dialogs;
import io.mediapath.sdp.sip.LogScanner;
import io.mediapath.sdp.sip.ScanProblem;
import io.mediapath.sdp.sip.SipDialog;
import io.mediapath.sdp.sip.SipMessage;
import io.mediapath.sdp.sip.SipParseException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline playbook behind {@code mediapath analyze}: detects what the input is (bare SDP, one SIP message, a log
 * or trace with SIP messages, or loose diagnostics headers), correlates dialogs by Call-ID, audits each dialog's
 * offer/answer candidates ({@link CandidateAudit}), decodes its ms-diagnostics headers ({@link DiagnosticsAudit}),
 * and returns a {@link Diagnosis}. Products call it without the command line.
 *
 * <pre>{@code
 * Diagnosis d = Analyzer.builder().build().analyze(text, "client.uccapilog");
 * if (d.exitCode() != 0) d.findings().forEach(f -> System.out.println(f.code() + " " + f.summary()));
 * }</pre>
 */
public final class Analyzer {

    /** Dialogs a streamed analysis reports in full; findings of further dialogs are counted per code. */
    public static final int STREAM_REPORTED_DIALOGS = 1000;
    /** Recent offers a streamed analysis keeps as evidence for other dialogs (the voice call before the sharing). */
    private static final int STREAM_RECENT_OFFERS = 8;
    /** Dialogs without findings a streamed report lists (the rest are only counted in the message total). */
    private static final int STREAM_CLEAN_DIALOGS = 100;

    /** The start of a SIP header line ({@code token ":"}), which never begins a wrapped diagnostics value. */
    private static final Pattern ANY_HEADER = Pattern.compile("[A-Za-z][A-Za-z0-9._!%*+`'~-]*[ \\t]*:");
    private static final Pattern HEADER = Pattern.compile("(?i)\\b(ms-client-diagnostics|ms-diagnostics-public|ms-diagnostics)\\s*:\\s*");
    private static final Pattern LOCATION_TYPE = Pattern.compile("(?i)ms-media-location-type\\s*=\\s*(intranet|internet)");

    private final Location callerLocation;
    private final Location calleeLocation;

    private Analyzer(Builder b) {
        this.callerLocation = b.caller;
        this.calleeLocation = b.callee;
    }

    /** Starts an analyzer; by default locations come from the messages. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of an {@link Analyzer}. */
    public static final class Builder {
        private Location caller = Location.UNKNOWN;
        private Location callee = Location.UNKNOWN;

        private Builder() {
        }

        /** Where caller (offerer) and callee (answerer) sit, overriding what the messages say; UNKNOWN keeps theirs. */
        public Builder locations(Location caller, Location callee) {
            this.caller = Objects.requireNonNull(caller, "caller");
            this.callee = Objects.requireNonNull(callee, "callee");
            return this;
        }

        /** The analyzer. */
        public Analyzer build() {
            return new Analyzer(this);
        }
    }

    /**
     * Analyzes one input.
     *
     * @param text   the whole input
     * @param source its name, used in evidence
     * @throws UnreadableInputException when the input holds nothing this playbook understands
     */
    public Diagnosis analyze(String text, String source) throws UnreadableInputException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a BOM (Notepad's UTF-8, PowerShell's UTF-16) is not part of the SDP
        }
        String head = text.stripLeading();
        LogScanner.Result scan = LogScanner.builder().sourceName(source).build().scanAll(text);
        if (head.startsWith("v=")) {
            // A bare SDP — or an SDP pasted before the SIP messages that follow it (the BYE with the diagnostics):
            // the SDP is what comes before the first message, and the messages are read as well.
            String sdpText = scan.messages().isEmpty() ? text : firstLines(text, scan.messages().get(0).firstLine() - 1);
            SessionDescription sdp;
            try {
                sdp = SessionDescription.parse(sdpText);
            } catch (SdpParseException e) {
                throw new UnreadableInputException(source + ": not a session description: " + e.getMessage(), e);
            }
            AuditReport r = CandidateAudit.builder(SdpSource.of(sdp, source)).locations(callerLocation, calleeLocation).build().run();
            DialogDiagnosis d = new DialogDiagnosis("", "SDP " + source,
                    new DiagnosticsAudit.Locations(callerLocation, calleeLocation), Optional.of(r), List.of(), r.findings());
            if (scan.messages().isEmpty()) {
                return new Diagnosis(source, InputKind.SDP, 0, List.of(d), r.findings());
            }
            Diagnosis rest = messages(text, source, scan);
            List<DialogDiagnosis> dialogs = new ArrayList<>(List.of(d));
            dialogs.addAll(rest.dialogs());
            List<Finding> all = new ArrayList<>(r.findings());
            all.addAll(rest.findings());
            return new Diagnosis(source, InputKind.LOG, rest.messages(), dialogs, all);
        }
        return messages(text, source, scan);
    }

    /**
     * What the scanner skipped, for the message that says nothing was found: a log whose only message is past the
     * scanner's limit must name the limit, not claim there was no message.
     */
    private static String skipped(List<ScanProblem> problems) {
        return problems.isEmpty() ? "" : "; skipped: " + problems.get(0).detail()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }

    /** The first {@code n} lines of {@code text}. */
    private static String firstLines(String text, int n) {
        int at = 0;
        for (int i = 0; i < n && at >= 0; i++) {
            int nl = text.indexOf('\n', at);
            at = nl < 0 ? -1 : nl + 1;
        }
        return at < 0 ? text : text.substring(0, at);
    }

    /** The SIP path of {@link #analyze(String, String)}: messages, dialogs, loose diagnostics headers. */
    private Diagnosis messages(String text, String source, LogScanner.Result scan) throws UnreadableInputException {
        List<Finding> inputFindings = new ArrayList<>();
        scan.problems().stream().limit(5).forEach(p -> inputFindings.add(scanProblem(p)));
        if (scan.messages().isEmpty()) {
            DialogDiagnosis loose = looseHeaders(text, source);
            if (loose == null) {
                throw new UnreadableInputException(source + ": no SDP, SIP message or ms-diagnostics header found"
                        + skipped(scan.problems()));
            }
            List<Finding> all = new ArrayList<>(loose.findings());
            all.addAll(inputFindings);
            return new Diagnosis(source, InputKind.DIAGNOSTICS, 0, List.of(loose), all);
        }
        InputKind kind = scan.messages().size() == 1 ? InputKind.SIP : InputKind.LOG;
        List<SipDialog> dialogs = new ArrayList<>(Dialogs.correlate(scan.messages()));
        // Messages without a Call-ID (cut pastes) still carry diagnostics or SDP: one pseudo-dialog each.
        for (SipMessage m : scan.messages()) {
            if (m.callId().isEmpty()) {
                boolean invite = m.isRequest() && m.method().equalsIgnoreCase("INVITE");
                dialogs.add(new SipDialog("", invite ? Optional.of(m) : Optional.empty(), List.of(), Optional.empty(), List.of(m)));
            }
        }
        boolean anySdp = scan.messages().stream().anyMatch(m -> m.body().stripLeading().startsWith("v=")
                || m.contentType().map(ct -> ct.toLowerCase(Locale.ROOT).contains("sdp") || ct.toLowerCase(Locale.ROOT).contains("multipart")).orElse(false));
        if (!anySdp) {
            // Only headers to read (a page of pasted diagnostics, a trace of BYEs): read every header in the text,
            // including those outside what the scanner recognised as messages.
            DialogDiagnosis loose = looseHeaders(text, source);
            if (loose != null) {
                List<Finding> all = new ArrayList<>(loose.findings());
                all.addAll(inputFindings);
                return new Diagnosis(source, InputKind.DIAGNOSTICS, scan.messages().size(), List.of(loose), all);
            }
        }
        // Offers of every dialog: evidence that the relay answers over UDP when another offer lacks a TCP relay.
        List<Offer> offers = new ArrayList<>();
        for (SipDialog d : dialogs) {
            offers.add(offerOf(d, source));
        }
        // Only an offer with a UDP relay can be that evidence, and one is enough: passing every offer to every
        // dialog made a log of many calls quadratic (each audit reads the related offers it is given).
        List<Offer> related = new ArrayList<>();
        for (Offer o : offers) {
            if (related.size() <= STREAM_RECENT_OFFERS && o.rfc().isPresent() && hasUdpRelay(o.rfc().get())) {
                related.add(o);
            }
        }
        List<DialogDiagnosis> out = new ArrayList<>();
        List<Finding> all = new ArrayList<>(inputFindings);
        for (int i = 0; i < dialogs.size(); i++) {
            DialogDiagnosis dd = dialog(dialogs.get(i), source, offers.get(i), related);
            if (dd != null) {
                out.add(dd);
                all.addAll(dd.findings());
            }
        }
        return new Diagnosis(source, kind, scan.messages().size(), out, all);
    }

    /**
     * Analyzes a log of any size as a stream, in bounded memory: messages are scanned as they are read
     * ({@link LogScanner}), grouped into dialogs by a {@link DialogCorrelator} that keeps only what a diagnosis reads,
     * and each dialog is diagnosed as soon as it ends. Compared with {@link #analyze(String, String)}: the evidence
     * that another offer of the log has a UDP relay comes from the {@value #STREAM_RECENT_OFFERS} most recent offers
     * seen before the dialog ended (not from later ones); diagnostics headers outside SIP messages are not read; and
     * past {@value #STREAM_REPORTED_DIALOGS} dialogs with findings, further dialogs are counted per finding code in
     * one {@code MORE_DIALOGS} finding each (at the worst severity seen, so the exit code stays right).
     *
     * @param reader the input; the caller closes it
     * @param source its name, used in evidence
     * @throws UnreadableInputException when no SIP message is found
     * @throws IOException when reading fails
     */
    public Diagnosis analyze(Reader reader, String source) throws IOException, UnreadableInputException {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(source, "source");
        Stream st = new Stream(source);
        DialogCorrelator correlator = DialogCorrelator.builder()
                .onStray(m -> st.diagnose(new SipDialog("", m.isRequest() && m.method().equalsIgnoreCase("INVITE")
                        ? Optional.of(m) : Optional.empty(), List.of(), Optional.empty(), List.of(m))))
                .build(st::diagnose);
        LogScanner.builder().sourceName(source).onProblem(p -> {
            if (st.skipped.isEmpty()) {
                st.skipped.add(p);
            }
            if (st.inputFindings.size() < 5) {
                st.inputFindings.add(scanProblem(p));
            }
        }).build().scan(reader, m -> {
            st.messages++;
            if (m.isRequest() && m.method().equalsIgnoreCase("INVITE") && !m.body().isEmpty() && m.callId().isPresent()) {
                Offer o = offerOf(new SipDialog(m.callId().get(), Optional.of(m), List.of(), Optional.empty(), List.of(m)),
                        source);
                if (o.rfc().isPresent()) {
                    st.recentOffers.addLast(new Recent(m.callId().get(), m, o));
                    if (st.recentOffers.size() > STREAM_RECENT_OFFERS) {
                        st.recentOffers.removeFirst();
                    }
                }
            }
            correlator.accept(m);
        });
        correlator.finish();
        if (st.messages == 0) {
            throw new UnreadableInputException(source + ": no SIP message found (a streamed input is read for SIP "
                    + "messages only)" + skipped(st.skipped));
        }
        List<Finding> all = new ArrayList<>(st.inputFindings);
        st.reported.forEach(d -> all.addAll(d.findings()));
        st.overflow.forEach((code, o) -> all.add(DiagnoseFindingCodes.MORE_DIALOGS.builder(o.severity)
                .summary(o.dialogs + " more dialog(s) beyond the first " + STREAM_REPORTED_DIALOGS + " reported had "
                        + code + " (" + o.severity.name().toLowerCase(Locale.ROOT) + "); first: " + o.first.summary())
                .evidence(o.first.evidence())
                .remedy(o.first.remedy()).build()));
        InputKind kind = st.messages == 1 ? InputKind.SIP : InputKind.LOG;
        return new Diagnosis(source, kind, (int) Math.min(Integer.MAX_VALUE, st.messages), st.reported, all);
    }

    /** The state of one streamed analysis. */
    private final class Stream {
        final String source;
        final List<Finding> inputFindings = new ArrayList<>();
        final List<ScanProblem> skipped = new ArrayList<>(1);
        final ArrayDeque<Recent> recentOffers = new ArrayDeque<>();
        final List<DialogDiagnosis> reported = new ArrayList<>();
        final Map<String, Overflow> overflow = new LinkedHashMap<>();
        long messages;
        int clean;
        int withFindings;

        Stream(String source) {
            this.source = source;
        }

        void diagnose(SipDialog d) {
            List<Offer> others = new ArrayList<>();
            Offer own = null;
            for (Recent r : recentOffers) {
                if (!r.callId().equals(d.callId())) {
                    others.add(r.offer());
                } else if (d.invite().isPresent() && r.invite() == d.invite().get()) {
                    own = r.offer(); // read when the INVITE went by: not parsed again
                }
            }
            DialogDiagnosis dd = dialog(d, source, own != null ? own : offerOf(d, source), others);
            if (dd == null) {
                return;
            }
            if (dd.findings().isEmpty()) {
                // Listed only up to a few: clean dialogs must not use up the places of dialogs with findings.
                if (clean < STREAM_CLEAN_DIALOGS) {
                    reported.add(dd);
                    clean++;
                }
                return;
            }
            if (withFindings < STREAM_REPORTED_DIALOGS) {
                reported.add(dd);
                withFindings++;
                return;
            }
            Set<String> codes = new HashSet<>();
            for (Finding f : dd.findings()) {
                if (!codes.add(f.code())) {
                    continue; // count dialogs, not media lines
                }
                Overflow o = overflow.computeIfAbsent(f.code(), k -> new Overflow(f));
                o.dialogs++;
                if (f.severity().compareTo(o.severity) > 0) {
                    o.severity = f.severity();
                }
            }
        }
    }

    /** Findings of one code in dialogs past the report's limit. */
    private static final class Overflow {
        final Finding first;
        Severity severity;
        long dialogs;

        Overflow(Finding first) {
            this.first = first;
            this.severity = first.severity();
        }
    }

    /** A dialog's offer, read once: its RFC (or only) part, its draft-6 fallback part, and what did not parse. */
    private record Offer(Optional<SdpSource> rfc, Optional<SdpSource> fallback, List<Finding> problems) {
    }

    /** An offer a streamed analysis saw go by, with the INVITE that carried it. */
    private record Recent(String callId, SipMessage invite, Offer offer) {
    }

    private static Finding scanProblem(ScanProblem p) {
        return DiagnoseFindingCodes.LOG_SCAN_PROBLEM.builder()
                .summary("part of the input was skipped: " + p.detail())
                .evidence(Evidence.line(p.source(), (int) Math.min(Integer.MAX_VALUE, p.line()), p.kind().name()))
                .build();
    }

    private static Optional<SdpSource> sdpOf(BodyPart part, String source, String role, List<Finding> problems) {
        try {
            SessionDescription sdp = SessionDescription.parse(part.body());
            // Through the part's own line map: in a tshark -V dump the SDP's lines are not contiguous.
            return Optional.of(SdpSource.mapped(sdp, source, n -> part.sourceLine(Math.max(0, n - 1))));
        } catch (SdpParseException e) {
            // The parser counts lines within the body; the summary names the file line, as the evidence does.
            int fileLine = part.sourceLine(Math.max(0, e.line() - 1));
            problems.add(DiagnoseFindingCodes.MALFORMED_BODY.builder()
                    .summary(role + ": the SDP body does not parse: " + (e.line() > 0 ? "line " + fileLine + ", column "
                            + e.column() + ": " : "") + e.problem()
                            + (e.expected().isEmpty() ? "" : " (expected: " + e.expected() + ")"))
                    .evidence(Evidence.line(source, fileLine, e.lineText())).build());
            return Optional.empty();
        }
    }

    private static List<BodyPart> sdpBodies(SipMessage m, String source, List<Finding> problems) {
        try {
            return m.sdpBodies();
        } catch (SipParseException e) {
            problems.add(DiagnoseFindingCodes.MALFORMED_BODY.builder()
                    .summary(m.startLine() + ": the body does not split: " + e.getMessage())
                    .evidence(Evidence.line(source, e.line() > 0 ? e.line() : m.firstLine(),
                            e.line() > 0 ? e.lineText() : m.startLine())).build());
            return List.of();
        }
    }

    private static Offer offerOf(SipDialog d, String source) {
        List<Finding> problems = new ArrayList<>();
        Optional<SipMessage> carrier = d.invite();
        if (carrier.isEmpty()) {
            carrier = d.allMessages().stream().filter(m -> !m.body().isEmpty()).findFirst();
        }
        if (carrier.isEmpty()) {
            return new Offer(Optional.empty(), Optional.empty(), problems);
        }
        Optional<SdpSource> rfc = Optional.empty();
        Optional<SdpSource> fallback = Optional.empty();
        for (BodyPart p : sdpBodies(carrier.get(), source, problems)) {
            if (p.isMsProxy2007Fallback()) {
                fallback = sdpOf(p, source, "offer (draft-6 part)", problems);
            } else {
                rfc = sdpOf(p, source, "offer", problems);
            }
        }
        if (rfc.isEmpty() && fallback.isPresent()) {
            return new Offer(fallback, Optional.empty(), problems);
        }
        return new Offer(rfc, fallback, problems);
    }

    /**
     * Diagnoses one dialog whose offer is {@code offer}; {@code offers} other than the one at {@code index} (-1: none
     * to skip) are the related offers consulted as evidence.
     */
    private static boolean hasUdpRelay(SdpSource src) {
        for (io.mediapath.sdp.MediaDescription m : src.sdp().media()) {
            for (io.mediapath.sdp.Candidate c : m.candidates()) {
                if (c.type().map("relay"::equalsIgnoreCase).orElse(false) && c.transport().equalsIgnoreCase("UDP")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @param offers other offers of the input that may show the relay answering over UDP (this one is skipped) */
    private DialogDiagnosis dialog(SipDialog d, String source, Offer offer, List<Offer> offers) {
        List<Finding> findings = new ArrayList<>(offer.problems());
        Optional<SdpSource> answer = Optional.empty();
        Optional<SipMessage> answerMsg = Optional.empty();
        if (d.invite().isPresent()) {
            for (SipMessage a : d.answers()) {
                for (BodyPart p : sdpBodies(a, source, findings)) {
                    if (!p.isMsProxy2007Fallback() && answer.isEmpty()) {
                        answer = sdpOf(p, source, "answer", findings);
                        answerMsg = Optional.of(a);
                    }
                }
                if (answer.isPresent()) {
                    break;
                }
            }
        }
        // Diagnostics headers of every message, once each (retransmissions and both log sides repeat them).
        List<IceWarnDecode> warns = new ArrayList<>();
        DiagnosticsAudit.Locations loc = DiagnosticsAudit.Locations.UNKNOWN;
        Set<String> seen = new HashSet<>();
        for (SipMessage m : d.allMessages()) {
            for (DiagnosticsHeader h : DiagnosticsHeader.of(m)) {
                if (!seen.add(h.kind() + "|" + h.value())) {
                    continue;
                }
                Evidence ev = Evidence.line(source, h.line(), abbreviate(h.kind().headerName() + ": " + h.value()));
                if (h.parsed().isPresent()) {
                    MsDiagnostics md = h.parsed().get();
                    findings.addAll(DiagnosticsAudit.audit(md, ev));
                    loc = loc.orElse(DiagnosticsAudit.locations(md));
                    warns.addAll(decodes(md, ev));
                } else {
                    findings.add(unparsable(h.error().orElse("does not parse"), ev));
                }
            }
        }
        // ms-endpoint-location-data: what each side claims about itself.
        Location fromInvite = d.invite().flatMap(Analyzer::claimedLocation).orElse(Location.UNKNOWN);
        Location fromAnswer = answerMsg.flatMap(Analyzer::claimedLocation).orElse(Location.UNKNOWN);
        loc = loc.orElse(new DiagnosticsAudit.Locations(fromInvite, fromAnswer));
        loc = new DiagnosticsAudit.Locations(callerLocation, calleeLocation).orElse(loc);

        Optional<AuditReport> audit = Optional.empty();
        if (offer.rfc().isPresent()) {
            CandidateAudit.Builder b = CandidateAudit.builder(offer.rfc().get()).locations(loc.caller(), loc.callee());
            answer.ifPresent(b::answer);
            offer.fallback().ifPresent(b::fallbackOffer);
            for (Offer other : offers) {
                if (other != offer) {
                    other.rfc().ifPresent(b::relatedOffer);
                }
            }
            AuditReport r = b.build().run();
            audit = Optional.of(r);
            findings.addAll(r.findings());
        }
        if (audit.isEmpty() && warns.isEmpty() && findings.isEmpty()) {
            return null; // nothing about media in this dialog (REGISTER, SUBSCRIBE, MRAS SERVICE, ...)
        }
        String title = d.invite().map(SipMessage::startLine)
                .orElseGet(() -> d.allMessages().isEmpty() ? "(no message)" : d.allMessages().get(0).startLine());
        title += d.finalResponse().map(r -> " -> " + r.statusCode() + " " + r.reasonPhrase()).orElse("");
        return new DialogDiagnosis(d.callId(), title, loc, audit, warns, findings);
    }

    private static Finding unparsable(String why, Evidence ev) {
        return DiagnoseFindingCodes.MS_DIAG_UNPARSABLE.builder().summary("a diagnostics header does not parse: " + why)
                .evidence(ev).build();
    }

    private static List<IceWarnDecode> decodes(MsDiagnostics md, Evidence ev) {
        List<IceWarnDecode> out = new ArrayList<>();
        for (MediaDebug m : md.mediaDebug()) {
            if (m.iceWarn().isPresent()) {
                out.add(new IceWarnDecode(m.side().name().toLowerCase(Locale.ROOT), m.mediaType(), m.iceWarn().getAsLong(),
                        m.iceWarnFlags(), ev, m));
            }
        }
        return out;
    }

    private static Optional<Location> claimedLocation(SipMessage m) {
        return m.header("ms-endpoint-location-data").flatMap(v -> {
            Matcher x = LOCATION_TYPE.matcher(v);
            if (!x.find()) {
                return Optional.empty();
            }
            return Optional.of(x.group(1).equalsIgnoreCase("intranet") ? Location.INTRANET : Location.INTERNET);
        });
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 397) + "...";
    }

    /** Diagnostics headers pasted without their message (web pages, notes): one value per header, wrapped lines joined. */
    private static DialogDiagnosis looseHeaders(String text, String source) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        List<Finding> findings = new ArrayList<>();
        List<IceWarnDecode> warns = new ArrayList<>();
        DiagnosticsAudit.Locations loc = DiagnosticsAudit.Locations.UNKNOWN;
        int found = 0;
        for (int i = 0; i < lines.length && found < 10_000; i++) {
            Matcher m = HEADER.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            found++;
            StringBuilder value = new StringBuilder(lines[i].substring(m.end()));
            int j = i + 1;
            // Join wrapped continuation lines until a blank line, a comment/record line or another header.
            // (Any "Name:" line is another header: a BYE pasted whole must not have its Content-Length joined in.)
            while (j < lines.length && !lines[j].isBlank() && !lines[j].startsWith("#") && !lines[j].startsWith("[")
                    && !lines[j].startsWith("a=") && !HEADER.matcher(lines[j]).find()
                    && !ANY_HEADER.matcher(lines[j]).lookingAt() && value.length() < MsDiagnostics.MAX_LENGTH) {
                value.append(lines[j].strip().isEmpty() ? "" : lines[j]);
                j++;
            }
            Evidence ev = Evidence.line(source, i + 1, abbreviate(lines[i].strip()));
            MsDiagnostics md;
            try {
                md = MsDiagnostics.parse(value.toString());
            } catch (MsDiagnosticsParseException e) {
                // Only the parser's own error means "unparsable": a fault further on must not pass for bad input
                // (issue 11: an audit exception on an unlisted ICEWarn bit was reported as MS_DIAG_UNPARSABLE).
                findings.add(unparsable(e.getMessage(), ev));
                continue;
            }
            findings.addAll(DiagnosticsAudit.audit(md, ev));
            loc = loc.orElse(DiagnosticsAudit.locations(md));
            warns.addAll(decodes(md, ev));
        }
        if (found == 0) {
            return null;
        }
        return new DialogDiagnosis("", found + " diagnostics header(s)", loc, Optional.empty(), warns, findings);
    }
}
