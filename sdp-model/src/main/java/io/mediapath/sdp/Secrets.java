package io.mediapath.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * Hides the credentials an SDP carries before text is shown or shared: ICE passwords ({@code a=ice-pwd}, and the
 * password field of MS-ICE draft-6 candidates {@code a=candidate:<user> <component> <password> UDP …}), SRTP master
 * keys ({@code inline:} of {@code a=crypto} / {@code a=cryptoscale}), MIKEY and other key-management data
 * ({@code a=key-mgmt:<protocol> <data>}, RFC 4567) and {@code k=} keys, also when a sloppy writer put a space where the
 * colon goes ({@code a=ice-pwd SECRET}). What stays is what a diagnosis needs: attribute names, suites, addresses,
 * ports, types.
 */
public final class Secrets {
    /** What a secret is replaced with. */
    public static final String REDACTED = "[redacted]";

    private Secrets() {
    }

    /**
     * {@code line} with every credential replaced by {@link #REDACTED}. Works on a bare SDP line, an attribute value,
     * or a line with a log prefix before the SDP text; a line without any returns itself.
     */
    public static String redactLine(String line) {
        if (line.isEmpty()) {
            return line;
        }
        // Evidence is made for every cited line of every audit: only the colons are looked at (every marker ends
        // with one), and nothing is allocated unless there is something to hide.
        boolean pwd = false;
        boolean inline = false;
        boolean keyMgmt = false;
        int candidate = -1;
        for (int c = line.indexOf(':'); c >= 0; c = line.indexOf(':', c + 1)) {
            if (endsWith(line, c, "ice-pwd")) {
                pwd = true;
            } else if (endsWith(line, c, "inline")) {
                inline = true;
            } else if (endsWith(line, c, "key-mgmt")) {
                keyMgmt = true;
            } else if (candidate < 0 && endsWith(line, c, "candidate")) {
                candidate = c + 1;
            }
        }
        String out = line;
        if (!pwd && line.indexOf('=') >= 0) {
            out = spacedIcePwd(out); // "a=ice-pwd SECRET": the password follows the name without a colon
        }
        if (candidate >= 0) {
            out = draft6Fields(out, candidate); // first: the replacements below do not move anything before it
        }
        if (pwd) {
            out = replaceValueAfter(out, "ice-pwd:", " \t");
        }
        if (inline) {
            out = replaceValueAfter(out, "inline:", "| \t;");
        }
        if (keyMgmt) {
            out = keyMgmtData(out);
        }
        if (line.indexOf("password>") >= 0) {
            out = xmlPassword(out); // an MRAS answer in a log: <password>SECRET</password>
        }
        String trimmed = out.stripLeading();
        if (trimmed.startsWith("k=")) {
            out = out.substring(0, out.length() - trimmed.length() + 2) + redactKey(trimmed.substring(2));
        }
        return out;
    }

    /**
     * Every {@code <password>…</password>} (any namespace prefix) with its content hidden, up to the next tag or the
     * end of the line: the MRAS answer a Lync/SfB log carries has the relay password in the clear.
     */
    private static String xmlPassword(String line) {
        StringBuilder sb = null;
        int from = 0;
        for (int i = line.indexOf("password>"); i >= 0; i = line.indexOf("password>", i + 1)) {
            int open = i - 1;
            while (open >= 0 && line.charAt(open) != '<' && line.charAt(open) != '/' && i - open < 32) {
                open--;
            }
            if (open < 0 || line.charAt(open) != '<') {
                continue; // a closing tag, or "password>" in other text
            }
            int start = i + "password>".length();
            int end = line.indexOf('<', start);
            end = end < 0 ? line.length() : end;
            if (end == start) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(line.length());
            }
            sb.append(line, from, start).append(REDACTED);
            from = end;
            i = Math.max(i, end - 1);
        }
        return sb == null ? line : sb.append(line, from, line.length()).toString();
    }

    /** The field of a {@code k=} line ({@code method[:key]}, see {@link Key#text()}) with the key hidden. */
    public static String redactKey(String field) {
        int colon = field.indexOf(':');
        return colon < 0 ? field : field.substring(0, colon + 1) + REDACTED;
    }

    /** An attribute's value with its credentials hidden (see {@link #redactLine}); names decide what is read. */
    public static Optional<String> redactAttribute(String name, Optional<String> value) {
        if (value.isEmpty()) {
            return value;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "ice-pwd" -> Optional.of(REDACTED);
            case "crypto", "cryptoscale" -> Optional.of(replaceValueAfter(value.get(), "inline:", "| \t;"));
            case "candidate" -> Optional.of(draft6Fields(value.get(), 0));
            case "key-mgmt" -> Optional.of(keyMgmtValue(value.get()));
            default -> value;
        };
    }

    /**
     * An attribute's name with credentials hidden: a line written without its colon ({@code a=ice-pwd SECRET}) is
     * read as one long name, and the secret would show through it. A name that starts with a credential attribute
     * and goes on after a space keeps only that attribute's name.
     */
    public static String redactAttributeName(String name) {
        int sp = 0;
        while (sp < name.length() && name.charAt(sp) != ' ' && name.charAt(sp) != '\t') {
            sp++;
        }
        if (sp == name.length()) {
            return name;
        }
        String head = name.substring(0, sp).toLowerCase(Locale.ROOT);
        return switch (head) {
            case "ice-pwd", "crypto", "cryptoscale", "key-mgmt" -> name.substring(0, sp) + " " + REDACTED;
            default -> name;
        };
    }

    // "ice-pwd" followed by blanks or '=' and a value: the value is hidden.
    private static String spacedIcePwd(String s) {
        int at = indexOfIgnoreCase(s, "ice-pwd", 0);
        while (at >= 0) {
            int i = at + "ice-pwd".length();
            int gap = i;
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '=')) {
                i++;
            }
            int end = i;
            while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '\t') {
                end++;
            }
            if (i > gap && end > i) {
                s = s.substring(0, i) + REDACTED + s.substring(end);
                end = i + REDACTED.length();
            }
            at = indexOfIgnoreCase(s, "ice-pwd", end);
        }
        return s;
    }

    // a=key-mgmt:<prtcl-id> <keymgmt-data> (RFC 4567): the data (a MIKEY message, keys inside) is hidden.
    private static String keyMgmtData(String s) {
        int at = indexOfIgnoreCase(s, "key-mgmt:", 0);
        if (at < 0) {
            return s;
        }
        int start = at + "key-mgmt:".length();
        return s.substring(0, start) + keyMgmtValue(s.substring(start));
    }

    private static String keyMgmtValue(String v) {
        int i = 0;
        while (i < v.length() && v.charAt(i) == ' ') {
            i++;
        }
        while (i < v.length() && v.charAt(i) != ' ') {
            i++; // the protocol id stays: it says which key management was offered
        }
        while (i < v.length() && v.charAt(i) == ' ') {
            i++;
        }
        int end = i;
        while (end < v.length() && v.charAt(end) != ' ' && v.charAt(end) != '\t') {
            end++;
        }
        return end > i ? v.substring(0, i) + REDACTED + v.substring(end) : v;
    }

    private static boolean endsWith(String s, int end, String word) {
        return end >= word.length() && s.regionMatches(true, end - word.length(), word, 0, word.length());
    }

    private static int indexOfIgnoreCase(String s, String lowerNeedle, int from) {
        char first = lowerNeedle.charAt(0);
        for (int i = from, last = s.length() - lowerNeedle.length(); i <= last; i++) {
            char c = s.charAt(i);
            if ((c == first || Character.toLowerCase(c) == first)
                    && s.regionMatches(true, i, lowerNeedle, 0, lowerNeedle.length())) {
                return i;
            }
        }
        return -1;
    }

    // Every occurrence of marker (case-insensitive) has the text after it, up to one of the stop characters, hidden.
    private static String replaceValueAfter(String s, String marker, String stops) {
        StringBuilder b = null;
        int copied = 0;
        int from = 0;
        while (true) {
            int at = indexOfIgnoreCase(s, marker, from);
            if (at < 0) {
                break;
            }
            int start = at + marker.length();
            int end = start;
            while (end < s.length() && stops.indexOf(s.charAt(end)) < 0) {
                end++;
            }
            if (end > start) {
                if (b == null) {
                    b = new StringBuilder(s.length());
                }
                b.append(s, copied, start).append(REDACTED);
                copied = end;
            }
            from = Math.max(end, start);
        }
        if (b == null) {
            return s;
        }
        return b.append(s, copied, s.length()).toString();
    }

    /**
     * MS-ICE draft-6: {@code <username> <component> <password> <UDP|TCP> <q> <ip> <port>}; the RFC grammar has the
     * transport third. So when the third field is not a transport and the fourth is, the third is a password.
     */
    private static String draft6Fields(String s, int valueStart) {
        int[] starts = new int[4];
        int[] ends = new int[4];
        int field = 0;
        int i = valueStart;
        while (field < 4) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= s.length()) {
                return s;
            }
            starts[field] = i;
            while (i < s.length() && s.charAt(i) != ' ') {
                i++;
            }
            ends[field] = i;
            field++;
        }
        if (isTransport(s, starts[2], ends[2]) || !isTransport(s, starts[3], ends[3])) {
            return s;
        }
        return s.substring(0, starts[2]) + REDACTED + s.substring(ends[2]);
    }

    private static final String[] TRANSPORTS = {"UDP", "TCP", "TCP-ACT", "TCP-PASS", "TCP-SO"};

    private static boolean isTransport(String s, int start, int end) {
        for (String t : TRANSPORTS) {
            if (t.length() == end - start && s.regionMatches(true, start, t, 0, t.length())) {
                return true;
            }
        }
        return false;
    }
}
