package io.mediapath.diagnose.report;

import io.mediapath.ice.Finding;
import io.mediapath.ice.probe.TimelineEvent;
import io.mediapath.ice.probe.WirePayload;
import io.mediapath.tls.CertificateInfo;
import io.mediapath.tls.FlightRead;
import io.mediapath.tls.FlightRecord;
import io.mediapath.tls.TlsInspection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A sequence (ladder) diagram of one probe leg, read from its timeline: three columns (this client, whatever answered
 * in between, the relay), an arrow per thing that went over the wire, notes for what happened locally, and marks
 * where the exchange left what a genuine relay does. Built from the same result objects the text and JSON reports
 * read; drawn as inline SVG by {@link #svg()}.
 *
 * <p>Arrows come from the events' {@link WirePayload} when the probe recorded one (direction, transport, size);
 * events without one are read by their kind ({@code hello.sent}, {@code bytes.received}, {@code msturn.challenge},
 * …). When the leg has a TLS inspection, the answer is drawn one record per arrow (content, size, time after the
 * hello) instead of one arrow per socket read.
 *
 * @param leg      the leg's name
 * @param columns  the three column titles
 * @param steps    what happened, in time order (at most {@link #MAX_STEPS})
 * @param marks    every deviation from a genuine relay, in full (the SVG shows them shortened)
 * @param omitted  steps beyond {@link #MAX_STEPS}, counted
 */
record Ladder(String leg, List<String> columns, List<Step> steps, List<String> marks, int omitted) {

    /** A leg's diagram keeps at most this many steps: a report stays bounded whatever a probe recorded. */
    static final int MAX_STEPS = 60;

    static final int CLIENT = 0;
    static final int BETWEEN = 1;
    static final int RELAY = 2;

    Ladder {
        columns = List.copyOf(columns);
        steps = List.copyOf(steps);
        marks = List.copyOf(marks);
    }

    /** Who answered the leg: the relay itself, something in between, or nobody. */
    enum Answerer { RELAY, BETWEEN, NOBODY }

    /** One row of the diagram. */
    sealed interface Step permits Arrow, Note {
        long nanos();
    }

    /**
     * An arrow from one column to another. {@code lost}: it reached nobody (drawn dashed, ending half way).
     * {@code mark}: how this differs from a genuine relay's exchange, or empty.
     */
    record Arrow(long nanos, int from, int to, String label, String mark, boolean lost) implements Step {
        Arrow {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(mark, "mark");
        }
    }

    /** Something that happened at one column without crossing the wire; {@code deadline} draws a line across. */
    record Note(long nanos, int column, String text, String mark, boolean deadline) implements Step {
        Note {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(mark, "mark");
        }
    }

    /** What a genuine Edge answers to the pseudo-TLS hello: one handshake record of this many bytes. */
    static final int GENUINE_PSEUDO_TLS_BYTES = 83;

    /** Kinds that put bytes on the wire from the client (read when the event carries no payload). */
    private static final Set<String> SENT = Set.of("hello.sent", "msturn.start", "stun.request", "stun.retransmit",
            "https.get", "http.get", "proxy.connect", "tls.alert.raised", "turn.tcp-connect");
    /** Kinds that took bytes off the wire (read when the event carries no payload). */
    private static final Set<String> RECEIVED = Set.of("bytes.received", "msturn.challenge", "msturn.allocated",
            "stun.response", "stun.stale-nonce", "stun.redirect", "turn.allocated", "http.answer", "proxy.answer",
            "tls.alert.received", "tls.certificate", "tls.handshake.complete", "turn.data", "bytes.undecodable");

    /**
     * The ladder of one leg.
     *
     * @param leg        the leg's name
     * @param target     where the leg went (for the relay column's title)
     * @param timeline   the leg's events, on the leg's clock
     * @param inspection the TLS inspection behind the leg, if it spoke TLS
     * @param answerer   who answered (decides where arrows end)
     * @param between    the title of the middle column (the product named, or what sits there)
     * @param failure    why the leg failed, in one line, or empty when it passed
     */
    static Ladder of(String leg, String target, List<TimelineEvent> timeline, Optional<TlsInspection> inspection,
            Answerer answerer, String between, String failure) {
        Builder b = new Builder(answerer, inspection);
        b.read(timeline);
        if (!failure.isEmpty() && b.marks.isEmpty()) {
            b.marks.add(failure);
            long at = timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).offsetNanos();
            b.add(new Note(at, CLIENT, "", failure, false));
        }
        List<Step> steps = b.steps;
        int omitted = b.dropped + Math.max(0, steps.size() - MAX_STEPS);
        if (omitted > 0) {
            steps = steps.subList(0, MAX_STEPS);
        }
        return new Ladder(leg, List.of("client (this machine)", between, "relay " + target), steps, b.marks, omitted);
    }

    /** Reads a timeline into steps. */
    private static final class Builder {
        final Answerer answerer;
        final Optional<TlsInspection> inspection;
        final List<Step> steps = new ArrayList<>();
        final List<String> marks = new ArrayList<>();
        boolean recordsDrawn;
        int dropped;

        Builder(Answerer answerer, Optional<TlsInspection> inspection) {
            this.answerer = answerer;
            this.inspection = inspection;
        }

        int responder() {
            return answerer == Answerer.RELAY ? RELAY : BETWEEN;
        }

        void add(Step s) {
            if (steps.size() < 10 * MAX_STEPS) { // bounded whatever a probe recorded; the rest are only counted
                steps.add(s);
            } else {
                dropped++;
            }
        }

        void read(List<TimelineEvent> timeline) {
            boolean anyWire = timeline.stream().anyMatch(e -> e.wire() != null && e.wire().length() > 0);
            boolean hasRecords = inspection.map(i -> !i.records().isEmpty()).orElse(false);
            long helloAt = -1;
            int lastSent = -1;
            for (TimelineEvent e : timeline) {
                String kind = e.kind();
                String detail = e.detail();
                // an event that moved no bytes (a connect carrying its endpoints) is read by its kind
                WirePayload w = e.wire() != null && e.wire().length() > 0 ? e.wire() : null;
                if (kind.equals("hello.sent") || helloAt < 0 && w != null && w.direction() == WirePayload.Direction.SENT
                        && w.transport() == WirePayload.Transport.TCP) {
                    helloAt = e.offsetNanos();
                }
                boolean received = w != null ? w.direction() == WirePayload.Direction.RECEIVED : RECEIVED.contains(kind);
                boolean sent = w != null ? w.direction() == WirePayload.Direction.SENT : SENT.contains(kind);
                if (received && hasRecords && (w == null || w.transport() == WirePayload.Transport.TCP)
                        && (kind.equals("bytes.received") || w != null)) {
                    // the answer is drawn record by record, from the inspection, once
                    if (!recordsDrawn) {
                        records(e.offsetNanos());
                        recordsDrawn = true;
                    }
                    continue;
                }
                if (w == null && anyWire && (SENT.contains(kind) || RECEIVED.contains(kind))) {
                    // the payload events carry these bytes already: keep the event's words as a note
                    add(new Note(e.offsetNanos(), CLIENT, kind + ": " + detail, "", false));
                    continue;
                }
                String size = w == null ? "" : " (" + w.length() + " B " + w.transport() + ")";
                String named = w == null ? null : WireLabel.describe(w).orElse(null);
                if (sent) {
                    boolean lost = answerer == Answerer.NOBODY;
                    String label = named != null ? named : kind.equals("stun.retransmit") ? "retransmit: " + detail
                            : label(kind, detail);
                    if (named != null && w.transport() == WirePayload.Transport.UDP && sentBefore(named)) {
                        label = "retransmit: " + label; // the same request again: the previous one got no answer
                    }
                    add(new Arrow(e.offsetNanos(), CLIENT, responder(), label + size, "", lost));
                    lastSent = steps.size() - 1;
                } else if (received) {
                    String label = named != null ? named : label(kind, detail);
                    if (kind.equals("bytes.received") && inspection.flatMap(TlsInspection::http).isPresent()) {
                        label = "HTTP " + inspection.get().http().get().describe();
                    }
                    String mark = inspection.flatMap(TlsInspection::http).isPresent() && kind.equals("bytes.received")
                            ? "an HTTP answer to a TLS hello: a genuine relay answers TLS" : "";
                    addMark(mark);
                    add(new Arrow(e.offsetNanos(), responder(), CLIENT, label + size, mark, false));
                } else if (kind.startsWith("connect.")) {
                    connect(e);
                } else if (kind.endsWith(".failed") && detail.startsWith("TIMEOUT")
                        || kind.equals("https.failed") && detail.toLowerCase(Locale.ROOT).contains("timed out")) {
                    String mark = "no answer before the deadline (" + Html.ms(e.offsetNanos()) + " after the start)";
                    addMark(mark);
                    add(new Note(e.offsetNanos(), CLIENT, detail, mark, true));
                } else {
                    add(new Note(e.offsetNanos(), CLIENT, kind + ": " + detail, "", false));
                }
            }
            if (hasRecords && !recordsDrawn) {
                long last = timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).offsetNanos();
                records(helloAt < 0 ? last : helloAt + inspection.get().reads().stream().findFirst()
                        .map(r -> r.afterHello().toNanos()).orElse(0L));
            }
            if (answerer == Answerer.NOBODY && lastSent >= 0 && steps.stream().noneMatch(s -> s instanceof Note n
                    && n.deadline())) {
                long end = timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).offsetNanos();
                String mark = "no answer: nothing came back before the deadline (" + Html.ms(end) + ")";
                addMark(mark);
                add(new Note(end, CLIENT, "deadline", mark, true));
            }
            steps.sort(java.util.Comparator.comparingLong(Step::nanos)); // stable: equal times keep their order
        }

        /** True when an arrow with this label (a UDP request) was drawn before, with no answer in between. */
        boolean sentBefore(String label) {
            for (int k = steps.size() - 1; k >= 0; k--) {
                if (steps.get(k) instanceof Arrow a) {
                    if (a.from() != CLIENT) {
                        return false;
                    }
                    if (a.label().startsWith(label + " (") || a.label().startsWith("retransmit: " + label + " (")) {
                        return true;
                    }
                }
            }
            return false;
        }

        void connect(TimelineEvent e) {
            switch (e.kind()) {
                case "connect.start" -> add(new Arrow(e.offsetNanos(), CLIENT, responder(), "TCP connect (SYN): "
                        + e.detail(), "", answerer == Answerer.NOBODY));
                case "connect.done", "connect.connected" -> add(new Arrow(e.offsetNanos(), responder(), CLIENT,
                        "accepted (SYN-ACK): " + e.detail(), "", false));
                case "connect.closed" -> {
                    String mark = answerer == Answerer.RELAY ? "" : "the connection was closed instead of an answer: "
                            + "a genuine relay answers the hello";
                    addMark(mark);
                    add(new Arrow(e.offsetNanos(), responder(), CLIENT, "closed (FIN/RST): " + e.detail(), mark, false));
                }
                default -> add(new Note(e.offsetNanos(), CLIENT, e.kind() + ": " + e.detail(), "", false));
            }
        }

        void addMark(String mark) {
            if (!mark.isEmpty() && !marks.contains(mark)) {
                marks.add(mark);
            }
        }

        /**
         * The answer, one arrow per TLS record, at the time of the read that completed it: {@code firstReadAt} is when
         * the timeline saw the first read, the later reads follow at their distance from it.
         */
        void records(long firstReadAt) {
            TlsInspection i = inspection.orElseThrow();
            List<FlightRead> reads = i.reads();
            List<FlightRecord> records = i.records();
            long first = reads.isEmpty() ? 0 : reads.get(0).afterHello().toNanos();
            boolean pseudo = i.probe().equals("pseudo-tls");
            boolean split = pseudo && i.has("PSEUDO_TLS_SPLIT_RECORDS")
                    || pseudo && !i.genuine() && records.stream().filter(r -> r.contentType() == 22).count() > 1;
            for (FlightRecord r : records) {
                long at = firstReadAt + (r.lastRead() >= 0 && r.lastRead() < reads.size()
                        ? reads.get(r.lastRead()).afterHello().toNanos() - first : 0);
                String what = r.contents().isEmpty() ? type(r.contentType()) : String.join(" + ", r.contents());
                String label = "record " + r.index() + ": " + what + ", " + (r.length() + 5) + " B";
                String mark = "";
                if (split && r.index() == 1) {
                    mark = records.get(0).contents().stream().findFirst().orElse("the first message") + " and "
                            + (r.contents().isEmpty() ? type(r.contentType()) : r.contents().get(0))
                            + " in separate records — a genuine Edge sends one " + GENUINE_PSEUDO_TLS_BYTES
                            + "-byte record";
                } else if (pseudo && r.contents().contains("Certificate")) {
                    mark = "a Certificate" + issuer(i) + " — a genuine Edge sends none to the pseudo-TLS hello";
                } else if (!pseudo && r.contents().contains("Certificate") && forged(i)) {
                    mark = "a certificate" + issuer(i) + " that does not prove the relay";
                } else if (pseudo && !i.genuine() && r.index() == 0 && records.size() == 1) {
                    mark = "not the " + GENUINE_PSEUDO_TLS_BYTES + "-byte answer a genuine Edge sends ("
                            + (r.length() + 5) + " B)";
                }
                addMark(mark);
                add(new Arrow(at, responder(), CLIENT, label, mark, false));
            }
        }

        static boolean forged(TlsInspection i) {
            return !i.genuine() && i.findings().stream().map(Finding::code).anyMatch(c -> c.startsWith("FORGED_")
                    || c.equals("TLS_CHAIN_UNTRUSTED") || c.equals("INTERCEPTOR_PRODUCT_IDENTIFIED")
                    || c.equals("TLS_NAME_MISMATCH") || c.equals("TLS_PIN_MISMATCH"));
        }

        static String issuer(TlsInspection i) {
            if (i.chain().isEmpty()) {
                return "";
            }
            CertificateInfo top = i.chain().get(i.chain().size() - 1);
            String cn = top.issuerAttribute("CN");
            return " issued by \"" + (cn.isEmpty() ? top.issuer() : cn) + "\"";
        }

        static String type(int contentType) {
            return switch (contentType) {
                case 20 -> "change_cipher_spec";
                case 21 -> "alert";
                case 22 -> "handshake";
                case 23 -> "application_data";
                default -> "type " + contentType;
            };
        }

        static String label(String kind, String detail) {
            return switch (kind) {
                case "bytes.received", "hello.sent", "msturn.start", "msturn.challenge", "msturn.allocated",
                        "stun.request", "stun.response", "turn.allocated" -> detail;
                default -> kind + ": " + detail;
            };
        }
    }

    // ---- drawing ----

    private static final int WIDTH = 980;
    private static final int[] X = {170, 540, 890};
    private static final int TOP = 56;
    private static final int ROW = 40;
    /** Extra space under a row whose mark is written below it. */
    private static final int MARK_ROOM = 16;

    /** The diagram as inline SVG (no script, no external reference); every text escaped. */
    String svg() {
        int marked = (int) steps.stream().filter(s -> s instanceof Arrow a && !a.mark().isEmpty()
                || s instanceof Note n && !n.mark().isEmpty() && !n.text().isEmpty()).count();
        int height = TOP + ROW * (steps.size() + 1) + MARK_ROOM * marked + (omitted > 0 ? ROW : 0);
        StringBuilder sb = new StringBuilder(2048 + steps.size() * 300);
        sb.append("<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" data-leg=\"").append(Html.esc(leg))
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\" ")
                .append("aria-label=\"").append(Html.esc("sequence diagram of leg " + leg)).append("\">\n")
                .append("<title>").append(Html.esc("leg " + leg)).append("</title>\n");
        for (int c = 0; c < 3; c++) {
            sb.append("<text class=\"col\" x=\"").append(X[c]).append("\" y=\"20\" text-anchor=\"middle\">")
                    .append(Html.esc(Html.cut(columns.get(c), 44))).append("</text>\n")
                    .append("<line class=\"life\" x1=\"").append(X[c]).append("\" y1=\"30\" x2=\"").append(X[c])
                    .append("\" y2=\"").append(height - 8).append("\"/>\n");
        }
        int y = TOP;
        boolean roomForMark = false;
        for (Step s : steps) {
            y += ROW + (roomForMark ? MARK_ROOM : 0);
            roomForMark = s instanceof Arrow a && !a.mark().isEmpty() || s instanceof Note n && !n.mark().isEmpty()
                    && !n.text().isEmpty();
            sb.append("<text class=\"time\" x=\"4\" y=\"").append(y + 4).append("\">")
                    .append(Html.esc("+" + Html.ms(s.nanos()))).append("</text>\n");
            if (s instanceof Arrow a) {
                arrow(sb, a, y);
            } else if (s instanceof Note n) {
                note(sb, n, y);
            }
        }
        if (omitted > 0) {
            y += ROW;
            sb.append("<text x=\"").append(X[1]).append("\" y=\"").append(y).append("\" text-anchor=\"middle\">")
                    .append(omitted).append(" more events not drawn (see the timeline in the text report)</text>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    private static void arrow(StringBuilder sb, Arrow a, int y) {
        boolean bad = !a.mark().isEmpty();
        int x1 = X[a.from()];
        int x2 = X[a.to()];
        if (a.lost()) {
            x2 = x1 + (x2 - x1) / 2; // it went out and reached nobody: the arrow stops half way, with a cross
        }
        int dir = x2 > x1 ? 1 : -1;
        String cls = "arrow" + (a.lost() ? " lost" : "") + (bad ? " bad" : "");
        sb.append("<g class=\"step").append(bad ? " bad" : "").append("\">")
                .append("<line class=\"").append(cls).append("\" x1=\"").append(x1).append("\" y1=\"").append(y)
                .append("\" x2=\"").append(x2 - dir * 8).append("\" y2=\"").append(y).append("\"/>");
        if (a.lost()) {
            sb.append("<path class=\"arrow bad\" d=\"M").append(x2 - 6).append(' ').append(y - 6).append(" l12 12 m0 -12 l-12 12\"/>");
        } else {
            sb.append("<path class=\"head").append(bad ? " bad" : "").append("\" d=\"M").append(x2).append(' ').append(y)
                    .append(" l").append(-dir * 10).append(" -5 l0 10 z\"/>");
        }
        int mid = (Math.min(x1, x2) + Math.max(x1, x2)) / 2;
        int span = Math.abs(X[a.to()] - X[a.from()]);
        int chars = Math.max(20, span / 7);
        // a lost arrow is short: its label starts at the sender and may run past where the arrow stops
        String anchor = a.lost() ? "\" text-anchor=\"" + (dir > 0 ? "start" : "end") + "\">" : "\" text-anchor=\"middle\">";
        int tx = a.lost() ? x1 + dir * 6 : mid;
        sb.append("<text x=\"").append(tx).append("\" y=\"").append(y - 6).append(anchor)
                .append(Html.esc(Html.cut(a.label(), chars))).append("<title>").append(Html.esc(a.label()))
                .append("</title></text>");
        if (bad) {
            sb.append("<text class=\"bad\" x=\"").append(mid).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"middle\">").append(Html.esc("⚠ " + Html.cut(a.mark(), Math.max(chars, 90))))
                    .append("</text>");
        }
        sb.append("</g>\n");
    }

    private static void note(StringBuilder sb, Note n, int y) {
        boolean bad = !n.mark().isEmpty();
        if (n.deadline()) {
            sb.append("<line class=\"deadline\" x1=\"").append(X[0]).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(X[2]).append("\" y2=\"").append(y).append("\"/>");
        }
        String text = n.text().isEmpty() ? "" : Html.cut(n.text(), 100);
        if (!text.isEmpty()) {
            sb.append("<text").append(bad ? " class=\"bad\"" : "").append(" x=\"").append(X[0] + 8).append("\" y=\"")
                    .append(y - 6).append("\">").append(Html.esc(text)).append("<title>").append(Html.esc(n.text()))
                    .append("</title></text>");
        }
        if (bad) {
            sb.append("<text class=\"bad\" x=\"").append(X[0] + 8).append("\" y=\"").append(y + (text.isEmpty() ? 4 : 15))
                    .append("\">").append(Html.esc("⚠ " + Html.cut(n.mark(), 110))).append("</text>");
        }
        sb.append('\n');
    }
}
