package io.mediapath.ice;

import io.mediapath.sdp.CandidateAttribute;
import io.mediapath.sdp.Connection;
import io.mediapath.sdp.MediaDescription;
import io.mediapath.sdp.SessionDescription;
import io.mediapath.sdp.msdiag.Location;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The candidate-list audit: reads the candidates of every media section of an offer (and, when given, its answer
 * and the MS-ICE draft-6 fallback part of a Lync multipart offer) and reports what would stop media from flowing,
 * as {@link Finding}s with the lines that show it. Codes are listed in {@link FindingCodes}.
 *
 * <pre>{@code
 * AuditReport r = CandidateAudit.builder(SdpSource.of(SessionDescription.parse(text), "offer.sdp")).build().run();
 * r.findings().forEach(f -> System.out.println(f.severity() + " " + f.code() + ": " + f.summary()));
 * }</pre>
 *
 * An instance is immutable and may be run any number of times; it never throws for parsed input.
 */
public final class CandidateAudit {

    private static final int MAX_LINES_PER_FINDING = 8;

    private final SdpSource offer;
    private final Optional<SdpSource> answer;
    private final Optional<SdpSource> fallbackOffer;
    private final Location offererLocation;
    private final Location answererLocation;
    private final List<SdpSource> relatedOffers;

    private CandidateAudit(Builder b) {
        this.relatedOffers = List.copyOf(b.relatedOffers);
        this.offer = b.offer;
        this.answer = Optional.ofNullable(b.answer);
        this.fallbackOffer = Optional.ofNullable(b.fallbackOffer);
        this.offererLocation = b.offererLocation;
        this.answererLocation = b.answererLocation;
    }

    /** Audits one SDP on its own. */
    public static AuditReport audit(SdpSource sdp) {
        return builder(sdp).build().run();
    }

    /** Starts an audit of {@code offer}. */
    public static Builder builder(SdpSource offer) {
        return new Builder(offer);
    }

    /** Collects the inputs of a {@link CandidateAudit}. */
    public static final class Builder {
        private final SdpSource offer;
        private SdpSource answer;
        private SdpSource fallbackOffer;
        private Location offererLocation = Location.UNKNOWN;
        private Location answererLocation = Location.UNKNOWN;
        private final List<SdpSource> relatedOffers = new ArrayList<>();

        private Builder(SdpSource offer) {
            this.offer = Objects.requireNonNull(offer, "offer");
        }

        /** The answer to the offer; enables pair formation and {@link FindingCodes#NO_FEASIBLE_PAIR}. */
        public Builder answer(SdpSource answer) {
            this.answer = answer;
            return this;
        }

        /**
         * The MS-ICE draft-6 part ({@code ms-proxy-2007fallback}) of the same multipart offer; enables
         * {@link FindingCodes#DRAFT6_AND_RFC5245_DISAGREE}.
         */
        public Builder fallbackOffer(SdpSource fallbackOffer) {
            this.fallbackOffer = fallbackOffer;
            return this;
        }

        /** Where the offerer and the answerer sit (from ms-client-diagnostics or known to the caller). */
        public Builder locations(Location offerer, Location answerer) {
            this.offererLocation = Objects.requireNonNull(offerer, "offerer");
            this.answererLocation = Objects.requireNonNull(answerer, "answerer");
            return this;
        }

        /**
         * Other offers the same endpoint sent (e.g. the voice call before a failed application-sharing session in the
         * same log). Consulted only as evidence that the relay answers over UDP when this offer lacks a TCP relay.
         */
        public Builder relatedOffer(SdpSource other) {
            this.relatedOffers.add(Objects.requireNonNull(other, "other"));
            return this;
        }

        /** The audit. */
        public CandidateAudit build() {
            return new CandidateAudit(this);
        }
    }

    /** Runs the audit. */
    public AuditReport run() {
        List<Finding> all = new ArrayList<>();
        List<MediaAudit> media = new ArrayList<>();
        List<MediaDescription> offerMedia = offer.sdp().media();
        List<MediaDescription> answerMedia = answer.map(a -> a.sdp().media()).orElse(List.of());
        Side offerSide = Side.read(offer, "offer");
        Optional<Side> answerSide = answer.map(a -> Side.read(a, "answer"));
        for (int i = 0; i < offerMedia.size(); i++) {
            MediaDescription m = offerMedia.get(i);
            List<Finding> findings = new ArrayList<>();
            List<IceCandidate> oc = offerSide.candidates.get(i);
            findings.addAll(offerSide.malformed.get(i));
            if (m.port() != 0) {
                findings.addAll(auditSection(offerSide, i));
            }
            List<IceCandidate> ac = List.of();
            Optional<CandidateMatrix> am = Optional.empty();
            List<Feasibility.PairVerdict> verdicts = List.of();
            if (answerSide.isPresent() && i < answerMedia.size()) {
                Side as = answerSide.get();
                MediaDescription a = answerMedia.get(i);
                ac = as.candidates.get(i);
                am = Optional.of(CandidateMatrix.of(ac));
                findings.addAll(as.malformed.get(i));
                if (a.port() != 0 && m.port() != 0) {
                    findings.addAll(auditSection(as, i));
                    List<IceCandidate> oc1 = component(oc, 1);
                    List<IceCandidate> ac1 = component(ac, 1);
                    if (!oc1.isEmpty() && !ac1.isEmpty()) {
                        List<CandidatePair> pairs = CheckList.form(oc1, ac1, true);
                        verdicts = new Feasibility(offererLocation, answererLocation).assess(pairs, oc, ac);
                        if (verdicts.stream().noneMatch(Feasibility.PairVerdict::feasible)
                                && oc1.stream().anyMatch(IceCandidate::hasRfcPriority)
                                && ac1.stream().anyMatch(IceCandidate::hasRfcPriority)) {
                            findings.add(noFeasiblePair(m, a, oc1, ac1, verdicts));
                        }
                    }
                }
            }
            findings.sort(AuditReport.WORST_FIRST);
            media.add(new MediaAudit(i, m.type(), m.protocol(), oc, CandidateMatrix.of(oc), ac, am, verdicts, findings));
            all.addAll(findings);
        }
        noCandidates(offerSide).ifPresent(all::add);
        answerSide.flatMap(CandidateAudit::noCandidates).ifPresent(all::add);
        fallbackOffer.ifPresent(f -> all.addAll(compareParts(f, offer)));
        String subject = offer.name() + answer.map(a -> " / " + a.name()).orElse("");
        return new AuditReport(subject, media, all);
    }

    /**
     * A description that uses ICE but whose active media sections carry no candidate at all is never "nothing wrong":
     * without trickle ICE nothing can be checked (RFC 8445 §5.1.3: the candidates go in the description), so it was
     * taken before gathering finished; with {@code a=ice-options:trickle} (RFC 8840) the candidates travel in other
     * messages, which this audit has not seen. Port 9 and {@code c=IN IP4 0.0.0.0} are JSEP's placeholders for "no
     * address yet" (RFC 8829 §5.2.1) and are cited as such. A description without ICE (plain RTP to the c= address)
     * and one whose sections are all rejected or bundled away (port 0) are not judged here.
     */
    private static Optional<Finding> noCandidates(Side side) {
        SessionDescription sdp = side.src.sdp();
        List<MediaDescription> media = sdp.media();
        List<MediaDescription> active = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (!side.candidates.get(i).isEmpty() || !side.malformed.get(i).isEmpty()) {
                return Optional.empty();
            }
            if (m.port() != 0) {
                active.add(m);
            }
        }
        if (active.isEmpty()) {
            return Optional.empty();
        }
        boolean trickle = sdp.iceOptions().map(o -> o.has("trickle")).orElse(false)
                || active.stream().anyMatch(m -> m.iceOptions().map(o -> o.has("trickle")).orElse(false));
        List<MediaDescription> placeholders = active.stream().filter(m -> m.port() == 9
                && m.connection().or(sdp::connection).map(Connection::isUnspecified).orElse(false)).toList();
        boolean ice = trickle || !placeholders.isEmpty() || sdp.iceUfrag().isPresent()
                || active.stream().anyMatch(m -> m.iceUfrag().isPresent());
        if (!ice) {
            return Optional.empty();
        }
        String placeholderText = placeholders.isEmpty() ? "" : "; " + (placeholders.size() == active.size() ? "every"
                : placeholders.size() + " of " + active.size()) + " media section(s) carry JSEP's placeholders (m= port 9, "
                + "c=" + placeholders.get(0).connection().or(sdp::connection).map(Connection::text).orElse("") + "): no "
                + "address had been gathered";
        Finding.Builder b;
        if (trickle) {
            b = FindingCodes.CANDIDATES_TRICKLED.builder()
                    .summary(side.role + ": no a=candidate line in any of its " + active.size() + " media section(s), "
                            + "and it announces trickle ICE (a=ice-options:trickle): the candidates travel separately, "
                            + "so what can connect cannot be judged from this description" + placeholderText);
        } else {
            b = FindingCodes.NO_CANDIDATES.builder()
                    .summary(side.role + ": no a=candidate line in any of its " + active.size() + " media section(s) and "
                            + "no a=ice-options:trickle: ICE cannot start, the peer has nothing to check; the description "
                            + "was taken before ICE gathering finished" + placeholderText);
        }
        b.evidence(side.mediaLine(active.get(0)));
        for (MediaDescription m : placeholders.stream().limit(2).toList()) {
            m.connection().or(sdp::connection).filter(c -> c.lineNumber() > 0)
                    .ifPresent(c -> b.evidence(side.evidence(c.lineNumber(), "c=" + c.text())));
        }
        if (trickle) {
            sdp.attribute("ice-options").or(() -> active.get(0).attribute("ice-options"))
                    .ifPresent(a -> b.evidence(side.evidence(a.lineNumber(), a.text())));
        }
        return Optional.of(b.build());
    }

    // ------------------------------------------------------------------ one side

    /** The candidates of every media section of one SDP, read once. */
    private static final class Side {
        final SdpSource src;
        final String role;
        final List<List<IceCandidate>> candidates = new ArrayList<>();
        final List<List<Finding>> malformed = new ArrayList<>();

        private Side(SdpSource src, String role) {
            this.src = src;
            this.role = role;
        }

        static Side read(SdpSource src, String role) {
            Side s = new Side(src, role);
            for (MediaDescription m : src.sdp().media()) {
                List<IceCandidate> list = new ArrayList<>();
                List<Finding> bad = new ArrayList<>();
                for (CandidateAttribute e : m.candidateEntries()) {
                    int line = e.attribute().lineNumber();
                    if (e.candidate().isPresent()) {
                        list.add(IceCandidate.from(e.candidate().get(), line));
                    } else {
                        // The parser counts lines within the SDP; a person reads the file's (as the evidence does).
                        String why = e.error().map(x -> "line " + src.sourceLine(x.line()) + ", column " + x.column()
                                + ": " + x.problem() + (x.expected().isEmpty() ? "" : " (expected: " + x.expected() + ")"))
                                .orElse("does not parse");
                        bad.add(FindingCodes.MALFORMED_CANDIDATE.builder()
                                .summary(role + " " + m.type() + ": a candidate line does not parse (" + why + ")")
                                .evidence(s.evidence(line, "a=" + e.attribute().text()))
                                .build());
                    }
                }
                s.candidates.add(List.copyOf(list));
                s.malformed.add(bad);
            }
            return s;
        }

        /** Evidence per cited line, made once: several findings of one media cite the same candidate lines. */
        private Evidence[] cited;

        Evidence evidence(int lineNumber, String fallback) {
            SessionDescription sdp = src.sdp();
            boolean inRange = lineNumber >= 1 && lineNumber <= sdp.lineCount();
            if (inRange && cited != null && cited[lineNumber - 1] != null) {
                return cited[lineNumber - 1];
            }
            String text = inRange ? sdp.lineText(lineNumber) : fallback;
            Evidence e = src.line(lineNumber, text.strip());
            if (inRange) {
                if (cited == null) {
                    cited = new Evidence[sdp.lineCount()];
                }
                cited[lineNumber - 1] = e;
            }
            return e;
        }

        Evidence mediaLine(MediaDescription m) {
            return evidence(m.lineNumber(), m.mediaLine());
        }

        Evidence candidateLine(IceCandidate c) {
            return evidence(c.lineNumber(), "a=candidate:" + c.foundation());
        }
    }

    private static List<IceCandidate> component(List<IceCandidate> list, int component) {
        List<IceCandidate> out = new ArrayList<>();
        for (IceCandidate c : list) {
            if (c.component() == component) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean isAppSharing(MediaDescription m) {
        String t = m.type().toLowerCase(Locale.ROOT);
        return t.equals("applicationsharing") || t.equals("application-sharing");
    }

    private static boolean isTcpMedia(MediaDescription m) {
        return isAppSharing(m) || m.protocol().toUpperCase(Locale.ROOT).startsWith("TCP");
    }

    private static String label(Side side, MediaDescription m) {
        return side.role + " " + m.type() + " (line " + side.src.sourceLine(m.lineNumber()) + ")";
    }

    private List<Finding> auditSection(Side side, int index) {
        MediaDescription m = side.src.sdp().media().get(index);
        List<IceCandidate> cands = side.candidates.get(index);
        List<Finding> out = new ArrayList<>();
        String where = label(side, m);
        boolean appSharing = isAppSharing(m);
        if (appSharing) {
            List<IceCandidate> udp = select(cands, c -> c.transport() == CandidateTransport.UDP);
            boolean tcpProto = m.protocol().toUpperCase(Locale.ROOT).startsWith("TCP");
            if (!tcpProto || !udp.isEmpty()) {
                Finding.Builder b = FindingCodes.APPSHARING_NOT_TCP.builder()
                        .summary(where + ": application sharing " + (!tcpProto ? "uses protocol " + m.protocol()
                                : "offers " + udp.size() + " UDP candidate(s)") + "; Lync/SfB application sharing runs over TCP")
                        .evidence(side.mediaLine(m));
                cite(b, side, udp, c -> true, MAX_LINES_PER_FINDING);
                out.add(b.build());
            }
        }
        if (cands.isEmpty()) {
            return out;
        }
        List<IceCandidate> inferred = select(cands, IceCandidate::inferred);
        if (!inferred.isEmpty()) {
            Finding.Builder b = FindingCodes.CANDIDATE_TYPE_INFERRED.builder()
                    .summary(where + ": " + inferred.size() + " candidate(s) without a stated type; inferred ("
                            + inferred.get(0).inference() + ")");
            cite(b, side, inferred, c -> true, MAX_LINES_PER_FINDING);
            out.add(b.build());
        }
        boolean anyUnknown = any(cands, c -> c.effectiveType() == CandidateType.UNKNOWN);
        CandidateMatrix mx = CandidateMatrix.of(cands);
        int relays = mx.count(CandidateType.RELAYED);
        int tcpRelays = mx.countTcp(CandidateType.RELAYED);
        int udpRelays = mx.count(CandidateType.RELAYED, CandidateTransport.UDP);
        boolean hostOnly = !anyUnknown && mx.count(CandidateType.HOST) == cands.size();

        if (relays == 0 && !anyUnknown) {
            Finding.Builder b = FindingCodes.NO_RELAY_CANDIDATE.builder()
                    .summary(where + ": no relay (TURN) candidate; a peer on another network can only reach what is listed")
                    .evidence(side.mediaLine(m));
            cite(b, side, firstComponent(cands), c -> true, MAX_LINES_PER_FINDING);
            out.add(b.build());
        }
        boolean tcpMedia = isTcpMedia(m);
        if (tcpRelays == 0 && !anyUnknown && (tcpMedia || udpRelays > 0)) {
            Optional<IceCandidate> udpRelay = cands.stream()
                    .filter(c -> c.effectiveType() == CandidateType.RELAYED && c.transport() == CandidateTransport.UDP).findFirst();
            Optional<MediaDescription> otherWithUdpRelay = Optional.empty();
            Optional<IceCandidate> otherUdpRelay = Optional.empty();
            List<MediaDescription> all = side.src.sdp().media();
            for (int j = 0; j < all.size() && udpRelay.isEmpty() && otherUdpRelay.isEmpty(); j++) {
                if (j == index) {
                    continue;
                }
                Optional<IceCandidate> r = side.candidates.get(j).stream()
                        .filter(c -> c.effectiveType() == CandidateType.RELAYED && c.transport() == CandidateTransport.UDP).findFirst();
                if (r.isPresent()) {
                    otherWithUdpRelay = Optional.of(all.get(j));
                    otherUdpRelay = r;
                }
            }
            Optional<SdpSource> otherSource = otherUdpRelay.isPresent() ? Optional.of(side.src) : Optional.empty();
            for (int k = 0; k < relatedOffers.size() && udpRelay.isEmpty() && otherUdpRelay.isEmpty(); k++) {
                SdpSource rel = relatedOffers.get(k);
                Side rs = Side.read(rel, "offer");
                for (int j = 0; j < rs.candidates.size() && otherUdpRelay.isEmpty(); j++) {
                    Optional<IceCandidate> r = rs.candidates.get(j).stream()
                            .filter(c -> c.effectiveType() == CandidateType.RELAYED && c.transport() == CandidateTransport.UDP).findFirst();
                    if (r.isPresent()) {
                        otherWithUdpRelay = Optional.of(rel.sdp().media().get(j));
                        otherUdpRelay = r;
                        otherSource = Optional.of(rel);
                    }
                }
            }
            String summary;
            Severity sev;
            if (tcpMedia) {
                sev = Severity.ERROR;
                summary = where + ": TCP media without a TCP relay candidate";
                if (otherUdpRelay.isPresent()) {
                    SdpSource os = otherSource.get();
                    summary += ", while " + otherWithUdpRelay.get().type() + " (" + (os == side.src ? "" : os.name() + " ")
                            + "line " + os.sourceLine(otherWithUdpRelay.get().lineNumber())
                            + ") has a UDP relay: the relay answers on UDP 3478 but the TCP 443 allocation failed";
                } else if (udpRelay.isPresent()) {
                    summary += ", while it has a UDP relay: the relay answers on UDP but the TCP 443 allocation failed";
                }
            } else {
                sev = Severity.WARNING;
                summary = where + ": a UDP relay but no TCP relay candidate: the relay answers on UDP 3478 but the TCP 443 "
                        + "allocation failed, so this media has no fallback where UDP is blocked";
            }
            Finding.Builder b = FindingCodes.NO_TCP_RELAY_CANDIDATE.builder(sev).summary(summary)
                    .evidence(side.mediaLine(m));
            cite(b, side, cands, c -> c.transport().isTcp(), MAX_LINES_PER_FINDING);
            udpRelay.ifPresent(c -> b.evidence(side.candidateLine(c)));
            if (otherSource.isPresent()) {
                Side os = otherSource.get() == side.src ? side : new Side(otherSource.get(), "offer");
                otherWithUdpRelay.ifPresent(o -> b.evidence(os.mediaLine(o)));
                otherUdpRelay.ifPresent(c -> b.evidence(os.candidateLine(c)));
            }
            out.add(b.build());
        }
        if (hostOnly) {
            Finding.Builder b = FindingCodes.HOST_ONLY_CANDIDATES.builder()
                    .summary(where + ": only host candidates (" + cands.size() + "); no reflexive or relay address");
            cite(b, side, firstComponent(cands), c -> true, MAX_LINES_PER_FINDING);
            out.add(b.build());
        }
        if (mx.count(CandidateType.SERVER_REFLEXIVE) == 0 && !anyUnknown) {
            Finding.Builder b = FindingCodes.NO_SRFLX_CANDIDATE.builder()
                    .summary(where + ": no server-reflexive candidate"
                            + (any(cands, IceCandidate::isActiveTcpPlaceholder)
                                    ? " (the TCP-ACT 'srflx' line with raddr equal to its own address is a host placeholder)" : ""))
                    .evidence(side.mediaLine(m));
            cite(b, side, cands, IceCandidate::isActiveTcpPlaceholder, 2);
            out.add(b.build());
        }
        if (!any(cands, c -> !c.addressClass().isNonRoutable())) {
            Finding.Builder b = FindingCodes.PRIVATE_ADDRESSES_ONLY.builder()
                    .summary(where + ": every candidate address is private or local ("
                            + String.join(", ", distinctAddresses(cands)) + ")");
            cite(b, side, firstComponent(cands), c -> true, MAX_LINES_PER_FINDING);
            out.add(b.build());
        }
        return out;
    }

    /** Component-1 candidates (RTP), or all when none is component 1: enough evidence without the RTCP twins. */
    // Loops, not streams: the audit runs per media line of every offer in a log, and the pipelines were a third of
    // its allocation.
    private static List<IceCandidate> select(List<IceCandidate> cands, java.util.function.Predicate<IceCandidate> p) {
        List<IceCandidate> out = null;
        for (IceCandidate c : cands) {
            if (p.test(c)) {
                if (out == null) {
                    out = new ArrayList<>(cands.size());
                }
                out.add(c);
            }
        }
        return out == null ? List.of() : out;
    }

    private static boolean any(List<IceCandidate> cands, java.util.function.Predicate<IceCandidate> p) {
        for (IceCandidate c : cands) {
            if (p.test(c)) {
                return true;
            }
        }
        return false;
    }

    private static void cite(Finding.Builder b, Side side, List<IceCandidate> cands,
            java.util.function.Predicate<IceCandidate> p, int limit) {
        int n = 0;
        for (int i = 0; i < cands.size() && n < limit; i++) {
            IceCandidate c = cands.get(i);
            if (p.test(c)) {
                b.evidence(side.candidateLine(c));
                n++;
            }
        }
    }

    private static List<IceCandidate> firstComponent(List<IceCandidate> cands) {
        List<IceCandidate> c1 = component(cands, 1);
        return c1.isEmpty() ? cands : c1;
    }

    /** The first six distinct addresses, in order (a short list: a linear scan beats a hash set). */
    private static List<String> distinctAddresses(List<IceCandidate> cands) {
        List<String> out = new ArrayList<>(6);
        for (int i = 0; i < cands.size() && out.size() < 6; i++) {
            String a = cands.get(i).address();
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ offer/answer

    private Finding noFeasiblePair(MediaDescription m, MediaDescription a, List<IceCandidate> oc, List<IceCandidate> ac,
            List<Feasibility.PairVerdict> verdicts) {
        Side os = new Side(offer, "offer");
        Side as = new Side(answer.get(), "answer");
        String summary = m.type() + " (offer line " + offer.sourceLine(m.lineNumber()) + "): "
                + (verdicts.isEmpty()
                        ? "no candidate pair can even be formed (no common transport or address family)"
                        : "none of the " + verdicts.size() + " candidate pairs can succeed (offerer "
                                + offererLocation.name().toLowerCase(Locale.ROOT) + ", answerer "
                                + answererLocation.name().toLowerCase(Locale.ROOT) + "); e.g. " + verdicts.get(0).reason());
        Finding.Builder b = FindingCodes.NO_FEASIBLE_PAIR.builder().summary(summary)
                .evidence(os.mediaLine(m)).evidence(as.mediaLine(a));
        oc.stream().limit(MAX_LINES_PER_FINDING / 2).forEach(c -> b.evidence(os.candidateLine(c)));
        ac.stream().limit(MAX_LINES_PER_FINDING / 2).forEach(c -> b.evidence(as.candidateLine(c)));
        return b.build();
    }

    // ------------------------------------------------------------------ multipart parts

    private static List<Finding> compareParts(SdpSource draft6, SdpSource rfc) {
        List<Finding> out = new ArrayList<>();
        Side d = Side.read(draft6, "draft-6 part");
        Side r = Side.read(rfc, "RFC 5245 part");
        List<MediaDescription> dm = draft6.sdp().media();
        List<MediaDescription> rm = rfc.sdp().media();
        List<String> differences = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        if (dm.size() != rm.size()) {
            differences.add("the draft-6 part has " + dm.size() + " media section(s), the RFC 5245 part " + rm.size());
        }
        for (int i = 0; i < Math.min(dm.size(), rm.size()); i++) {
            MediaDescription a = dm.get(i);
            MediaDescription b = rm.get(i);
            if (!a.type().equalsIgnoreCase(b.type())) {
                differences.add("section " + (i + 1) + " is " + a.type() + " in the draft-6 part but " + b.type() + " in the RFC 5245 part");
                evidence.add(d.mediaLine(a));
                evidence.add(r.mediaLine(b));
                continue;
            }
            Set<String> da = udpIpv4Addresses(d.candidates.get(i));
            Set<String> ra = udpIpv4Addresses(r.candidates.get(i));
            if (da.isEmpty() || ra.isEmpty()) {
                if (da.isEmpty() != ra.isEmpty()) {
                    differences.add(a.type() + ": only the " + (da.isEmpty() ? "RFC 5245" : "draft-6") + " part has UDP IPv4 candidates");
                    evidence.add(d.mediaLine(a));
                    evidence.add(r.mediaLine(b));
                }
                continue;
            }
            Set<String> onlyD = new LinkedHashSet<>(da);
            onlyD.removeAll(ra);
            Set<String> onlyR = new LinkedHashSet<>(ra);
            onlyR.removeAll(da);
            if (!onlyD.isEmpty() || !onlyR.isEmpty()) {
                StringBuilder s = new StringBuilder(a.type()).append(':');
                if (!onlyR.isEmpty()) {
                    s.append(" only the RFC 5245 part lists ").append(String.join(", ", onlyR));
                    r.candidates.get(i).stream().filter(c -> onlyR.contains(c.address())).limit(4)
                            .forEach(c -> evidence.add(r.candidateLine(c)));
                }
                if (!onlyD.isEmpty()) {
                    s.append(onlyR.isEmpty() ? "" : ";").append(" only the draft-6 part lists ").append(String.join(", ", onlyD));
                    d.candidates.get(i).stream().filter(c -> onlyD.contains(c.address())).limit(4)
                            .forEach(c -> evidence.add(d.candidateLine(c)));
                }
                differences.add(s.toString());
            }
        }
        if (!differences.isEmpty()) {
            out.add(FindingCodes.DRAFT6_AND_RFC5245_DISAGREE.builder()
                    .summary("the two parts of the multipart offer disagree: " + String.join("; ", differences))
                    .evidence(evidence)
                    .build());
        }
        return out;
    }

    /** UDP IPv4 addresses of a section (the part of the candidate list both grammars carry). */
    private static Set<String> udpIpv4Addresses(List<IceCandidate> cands) {
        Set<String> out = new LinkedHashSet<>();
        for (IceCandidate c : cands) {
            if (c.transport() == CandidateTransport.UDP && !c.isIpv6()) {
                out.add(c.address().strip());
            }
        }
        return out;
    }
}
