package io.mediapath.sdp.sip;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Groups a stream of SIP messages into dialogs by Call-ID with bounded memory, for logs too large to hold: the
 * streaming counterpart of {@link Dialogs#correlate(List)}.
 *
 * <p>Of each dialog it keeps only what a media diagnosis reads: the first INVITE, the 183/2xx answers to it, the
 * first final response, the first BYE, and messages carrying an {@code ms-diagnostics} family header (at most
 * {@link Builder#maxMessagesPerDialog(int)} in all); the {@link SipDialog#allMessages()} of an emitted dialog are
 * those kept messages. A dialog is emitted to the consumer when the final response to its BYE arrives, when no
 * message for it came in the last {@link Builder#idleMessages(int)} messages, when more than
 * {@link Builder#maxOpenDialogs(int)} are open (the least recently active goes first), or on {@link #finish()}.
 * A Call-ID without an INVITE (OPTIONS, REGISTER, SUBSCRIBE…) is emitted as soon as its first transaction has a
 * final response, so such traffic never crowds calls out. Late messages of a dialog emitted after its BYE was
 * answered (a retransmitted BYE, the other side's 200) are dropped, not turned into a second dialog; but a dialog
 * emitted early — idle, crowded out, or a non-INVITE transaction — continues as a new dialog when a later message
 * matters (an INVITE, or any message carrying {@code ms-diagnostics}: the BYE that says why media failed).
 * Messages without a Call-ID are not dialogs; they go to the optional stray consumer.
 *
 * <p>Not thread-safe: one correlator per scan.
 */
public final class DialogCorrelator {
    private final Consumer<SipDialog> onDialog;
    private final Consumer<SipMessage> onStray;
    private final int maxOpen;
    private final int idle;
    private final int maxKept;
    private final LinkedHashMap<String, Open> open = new LinkedHashMap<>(64, 0.75f, true);
    // Call-IDs emitted lately → whether the emission followed an answered BYE (then late messages are noise).
    private final LinkedHashMap<String, Boolean> recentlyClosed = new LinkedHashMap<>();
    private long seq;
    private long messages;
    private long dropped;
    private long emitted;

    private DialogCorrelator(Builder b, Consumer<SipDialog> onDialog) {
        this.onDialog = onDialog;
        this.onStray = b.onStray;
        this.maxOpen = b.maxOpen;
        this.idle = b.idle;
        this.maxKept = b.maxKept;
    }

    /** A correlator with default bounds that emits each finished dialog to {@code onDialog}. */
    public static DialogCorrelator create(Consumer<SipDialog> onDialog) {
        return builder().build(onDialog);
    }

    /** A builder with the default bounds: 4 096 open dialogs, idle after 100 000 messages, 16 messages kept each. */
    public static Builder builder() {
        return new Builder();
    }

    /** Takes the next message of the stream, in input order. */
    public void accept(SipMessage m) {
        Objects.requireNonNull(m, "m");
        messages++;
        seq++;
        if ((seq & 1023) == 0) {
            expireIdle(); // every 1 024 messages: cheap, and the idle bound is far larger
        }
        Optional<String> id = m.callId();
        if (id.isEmpty() || id.get().isEmpty()) {
            onStray.accept(m);
            return;
        }
        String callId = id.get();
        Open d = open.get(callId);
        if (d == null) {
            Boolean afterBye = recentlyClosed.get(callId);
            if (afterBye != null && (afterBye || !matters(m))) {
                dropped++;
                return;
            }
            d = new Open(callId);
            open.put(callId, d);
        }
        d.lastSeq = seq;
        d.take(m);
        if (d.byeAnswered || d.transactionOnly) {
            close(callId);
        }
        if (open.size() > maxOpen) {
            close(open.keySet().iterator().next()); // access order: the least recently active
        }
    }

    /** Emits every dialog still open, in order of their last activity; the correlator can go on afterwards. */
    public void finish() {
        List<String> ids = new ArrayList<>(open.keySet());
        for (String id : ids) {
            close(id);
        }
    }

    /** Messages taken so far. */
    public long messages() {
        return messages;
    }

    /** Messages not kept: late messages of emitted dialogs, and messages a diagnosis does not read. */
    public long dropped() {
        return dropped;
    }

    /** Dialogs emitted so far. */
    public long emitted() {
        return emitted;
    }

    /** Dialogs open now. */
    public int openDialogs() {
        return open.size();
    }

    private void expireIdle() {
        for (Iterator<Map.Entry<String, Open>> it = open.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Open> e = it.next();
            if (seq - e.getValue().lastSeq <= idle) {
                break; // access order: everything after this is more recent
            }
            it.remove();
            emit(e.getValue());
        }
    }

    private void close(String callId) {
        Open d = open.remove(callId);
        if (d != null) {
            emit(d);
        }
    }

    private void emit(Open d) {
        recentlyClosed.remove(d.callId);
        recentlyClosed.put(d.callId, d.byeAnswered);
        if (recentlyClosed.size() > maxOpen) {
            Iterator<String> it = recentlyClosed.keySet().iterator();
            it.next();
            it.remove();
        }
        emitted++;
        onDialog.accept(new SipDialog(d.callId, Optional.ofNullable(d.invite), d.answers, Optional.ofNullable(d.bye),
                d.kept));
    }

    private final class Open {
        final String callId;
        final List<SipMessage> kept = new ArrayList<>(4);
        final List<SipMessage> answers = new ArrayList<>(2);
        SipMessage invite;
        SipMessage bye;
        boolean finalSeen;
        boolean byeAnswered;
        // No INVITE and the first transaction has its final response: nothing more a diagnosis reads will come.
        boolean transactionOnly;
        long lastSeq;

        Open(String callId) {
            this.callId = callId;
        }

        void take(SipMessage m) {
            boolean keep = false;
            String method = m.method();
            if (m.isRequest()) {
                if (invite == null && method.equals("INVITE")) {
                    invite = m;
                    keep = true;
                } else if (bye == null && method.equals("BYE")) {
                    bye = m;
                    keep = true;
                }
            } else if (method.equalsIgnoreCase("INVITE")) {
                int code = m.statusCode();
                if ((code == 183 || code >= 200 && code < 300) && answers.size() < 4) {
                    answers.add(m);
                    keep = true;
                }
                if (code >= 200 && !finalSeen) {
                    finalSeen = true;
                    keep = true;
                }
            } else if (method.equalsIgnoreCase("BYE") && m.statusCode() >= 200) {
                byeAnswered = true;
            } else if (invite == null && bye == null && m.statusCode() >= 200) {
                transactionOnly = true;
            }
            if (!keep && hasDiagnostics(m)) {
                keep = true;
            }
            if (keep && kept.size() < maxKept) {
                kept.add(m);
            } else {
                dropped++;
            }
        }
    }

    // Worth a new dialog after the Call-ID was emitted early.
    private static boolean matters(SipMessage m) {
        return (m.isRequest() && m.method().equals("INVITE")) || hasDiagnostics(m);
    }

    private static boolean hasDiagnostics(SipMessage m) {
        for (SipHeader h : m.headers()) {
            String n = h.name();
            if (n.length() >= 14 && n.regionMatches(true, 0, "ms-", 0, 3)
                    && n.toLowerCase(Locale.ROOT).contains("diagnostics")) {
                return true;
            }
        }
        return false;
    }

    /** Bounds of a {@link DialogCorrelator}. */
    public static final class Builder {
        private int maxOpen = 4096;
        private int idle = 100_000;
        private int maxKept = 16;
        private Consumer<SipMessage> onStray = m -> { };

        private Builder() {
        }

        /** How many dialogs may be open at once before the least recently active one is emitted (≥ 1). */
        public Builder maxOpenDialogs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxOpenDialogs must be >= 1: " + n);
            }
            this.maxOpen = n;
            return this;
        }

        /** After how many messages without one of its own a dialog counts as finished (≥ 1). */
        public Builder idleMessages(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("idleMessages must be >= 1: " + n);
            }
            this.idle = n;
            return this;
        }

        /** How many messages of one dialog are kept (≥ 4: INVITE, answer, final response, BYE). */
        public Builder maxMessagesPerDialog(int n) {
            if (n < 4) {
                throw new IllegalArgumentException("maxMessagesPerDialog must be >= 4: " + n);
            }
            this.maxKept = n;
            return this;
        }

        /** Where messages without a Call-ID go (dropped by default). */
        public Builder onStray(Consumer<SipMessage> c) {
            this.onStray = Objects.requireNonNull(c, "onStray");
            return this;
        }

        /** The correlator, emitting finished dialogs to {@code onDialog}. */
        public DialogCorrelator build(Consumer<SipDialog> onDialog) {
            return new DialogCorrelator(this, Objects.requireNonNull(onDialog, "onDialog"));
        }
    }
}
