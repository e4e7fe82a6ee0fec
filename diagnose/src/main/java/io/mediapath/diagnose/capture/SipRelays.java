package io.mediapath.diagnose.capture;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Relay addresses named by the signalling inside the capture: the addresses of relay candidates in SDP
 * ({@code a=candidate:… typ relay}, and MS draft-6 candidates on the relay's port 443/3478), and MRAS
 * {@code <location>}/{@code <hostName>} IP literals. Only IP literals: a capture has no DNS to resolve names with.
 */
final class SipRelays {

    private static final Pattern RELAY_CANDIDATE = Pattern.compile(
            "a=candidate:\\S+ \\d+ \\S+ \\d+ ([0-9a-fA-F.:]+) \\d+ typ relay(?: raddr)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern MRAS_HOST = Pattern.compile("<hostName>\\s*([0-9.]+|[0-9a-fA-F:]+)\\s*</hostName>");
    /** Relays remembered at most (the first ones named win). */
    static final int MAX = 256;

    /** SIP text kept for the log reader at most (the start of the signalling is what explains a call). */
    static final int MAX_LOG_CHARS = 4 * 1024 * 1024;

    private final Map<String, Long> relays = new LinkedHashMap<>();
    private final StringBuilder log = new StringBuilder();
    private int messages;

    /** Looks for relay addresses in one SIP payload seen in {@code frame}, and keeps it for the log reader. */
    void scan(byte[] payload, long frame) {
        String s = new String(payload, StandardCharsets.UTF_8);
        if (!s.contains("SIP/2.0")) {
            return;
        }
        add(RELAY_CANDIDATE.matcher(s), frame);
        add(MRAS_HOST.matcher(s), frame);
        if (log.length() + s.length() <= MAX_LOG_CHARS) {
            // One message (a datagram, or the head of a TCP stream) after a blank line, as a trace holds them.
            log.append(s.strip()).append("\r\n\r\n");
            messages++;
        }
    }

    /** The SIP payloads seen, as a trace the log reader reads (empty when none). */
    String log() {
        return log.toString();
    }

    /** How many SIP payloads were kept for the log reader. */
    int messages() {
        return messages;
    }

    private void add(Matcher m, long frame) {
        while (m.find() && relays.size() < MAX) {
            relays.putIfAbsent(m.group(1).toLowerCase(java.util.Locale.ROOT), frame);
        }
    }

    /** IP → the frame whose SIP named it first. */
    Map<String, Long> relays() {
        return relays;
    }
}
