package io.mediapath.ice.receipt;

import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * From what a probe sent, where from, whether anything answered, and the receipt check, one {@link PathVerdict}.
 * Pure: no network, no clock.
 *
 * <p>Order of the evidence: without a valid receipt, an answer (or a completed TCP connect: the SYN-ACK answered in
 * the responder's name) is {@link PathConclusion#INTERCEPTED} and silence is {@link PathConclusion#DROPPED}; with
 * one, other bytes are {@link PathConclusion#MODIFIED} (the diff shown, the egress named too when it differs), another
 * source is {@link PathConclusion#TRANSLATED}, and otherwise {@link PathConclusion#REACHED}.
 */
public final class PathJudge {

    private static final int CONTEXT = 8;

    private PathJudge() {
    }

    /**
     * @param sent     the bytes the probe sent before its receipt request (its hello)
     * @param local    the probe's own socket address (its IP may be the wildcard when unknown: then only the port
     *                 is compared)
     * @param answered whether anything answered (a reply, or a completed TCP connect)
     * @param check    the receipt check
     */
    public static PathVerdict judge(byte[] sent, InetSocketAddress local, boolean answered, ReceiptCheck check) {
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(check, "check");
        if (!(check instanceof ReceiptCheck.Valid valid)) {
            String why = check instanceof ReceiptCheck.Refused r
                    ? "a receipt came but was refused (" + r.reason() + ": " + r.detail() + ")"
                    : "no receipt came";
            return answered
                    ? new PathVerdict(PathConclusion.INTERCEPTED, "an answer came but " + why
                            + ": something else answered in the responder's name", check, Optional.empty(),
                            Optional.empty(), Optional.empty())
                    : new PathVerdict(PathConclusion.DROPPED, "no answer and " + why, check, Optional.empty(),
                            Optional.empty(), Optional.empty());
        }
        Receipt r = valid.receipt();
        Optional<InetSocketAddress> egress = sameSource(local, r.source()) ? Optional.empty()
                : Optional.of(r.source());
        boolean same = r.byteCount() == sent.length && MessageDigest.isEqual(sha256(sent), r.sha256());
        if (!same && r.transport() == ReceiptTransport.TLS) {
            // One changed byte of a ClientHello breaks the handshake (the Finished messages cover it): a receipt over
            // TLS for other hello bytes means TLS was terminated in between and a new hello sent on, by whatever
            // answered us and then relayed our request.
            return new PathVerdict(PathConclusion.INTERCEPTED, "the receipt came back through TLS but covers another "
                    + "TLS ClientHello (" + r.byteCount() + " bytes" + r.sni().map(s -> ", SNI " + s).orElse("")
                    + ") from " + text(r.source()) + ": TLS was terminated in between and re-originated", check,
                    Optional.empty(), Optional.empty(), egress);
        }
        if (!same) {
            byte[] sample = r.sample();
            int first = firstDifference(sent, sample, r.byteCount());
            String diff = describe(sent, sample, r.byteCount(), first);
            return new PathVerdict(PathConclusion.MODIFIED, "the responder received other bytes than were sent: "
                    + diff + egress.map(e -> "; it saw the source " + text(e)).orElse(""), check,
                    first < 0 ? Optional.empty() : Optional.of(first), Optional.of(diff), egress);
        }
        if (egress.isPresent()) {
            return new PathVerdict(PathConclusion.TRANSLATED, "the bytes arrived intact from " + text(egress.get())
                    + ", not from " + text(local) + ": a NAT or proxy translates on the way (egress "
                    + egress.get().getAddress().getHostAddress() + ")", check, Optional.empty(), Optional.empty(), egress);
        }
        return new PathVerdict(PathConclusion.REACHED, "the responder received the " + sent.length
                + " bytes intact from " + text(local), check, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static boolean sameSource(InetSocketAddress local, InetSocketAddress seen) {
        if (local.getPort() != 0 && local.getPort() != seen.getPort()) {
            return false;
        }
        return local.getAddress() == null || local.getAddress().isAnyLocalAddress()
                || local.getAddress().equals(seen.getAddress());
    }

    /** The first offset where {@code sample} (a prefix of what arrived) differs from {@code sent}; -1 when unseen. */
    static int firstDifference(byte[] sent, byte[] sample, long arrived) {
        int n = Math.min(sent.length, sample.length);
        for (int i = 0; i < n; i++) {
            if (sent[i] != sample[i]) {
                return i;
            }
        }
        if (sample.length < sent.length && sample.length == arrived) {
            return sample.length; // fewer bytes arrived than were sent
        }
        if (sample.length > sent.length) {
            return sent.length; // more bytes arrived than were sent
        }
        return -1;
    }

    static String describe(byte[] sent, byte[] sample, long arrived, int first) {
        HexFormat hex = HexFormat.of();
        StringBuilder sb = new StringBuilder();
        sb.append("sent ").append(sent.length).append(" bytes, ").append(arrived).append(" arrived");
        if (first < 0) {
            sb.append(sample.length == 0 ? " (SHA-256 differs; the receipt has no sample to show where)"
                    : " (SHA-256 differs beyond the first " + sample.length + " bytes the receipt repeats)");
            return sb.toString();
        }
        int from = Math.max(0, first - CONTEXT);
        sb.append("; first difference at offset ").append(first).append(": sent ")
                .append(hex.formatHex(sent, from, Math.min(sent.length, first + CONTEXT + 1)))
                .append(", arrived ")
                .append(hex.formatHex(sample, Math.min(from, sample.length), Math.min(sample.length, first + CONTEXT + 1)))
                .append(" (from offset ").append(from).append(')');
        return sb.toString();
    }

    private static String text(InetSocketAddress a) {
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    /** SHA-256 of {@code b}. */
    public static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
