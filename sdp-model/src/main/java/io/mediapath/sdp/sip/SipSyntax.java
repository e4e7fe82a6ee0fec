package io.mediapath.sdp.sip;

import java.util.Locale;
import java.util.Optional;

/** Small lexical helpers shared by the message parser, the multipart splitter and the log scanner. */
final class SipSyntax {
    private SipSyntax() {
    }

    /** RFC 3261 §7.3.3 compact forms, plus the registered extension ones (RFC 3265, 3515, 3892, 3841, 4028, 4474). */
    static String expandCompact(String name) {
        if (name.length() != 1) {
            return name;
        }
        switch (Character.toLowerCase(name.charAt(0))) {
            case 'i': return "Call-ID";
            case 'm': return "Contact";
            case 'e': return "Content-Encoding";
            case 'l': return "Content-Length";
            case 'c': return "Content-Type";
            case 'f': return "From";
            case 's': return "Subject";
            case 'k': return "Supported";
            case 't': return "To";
            case 'v': return "Via";
            case 'o': return "Event";
            case 'r': return "Refer-To";
            case 'b': return "Referred-By";
            case 'u': return "Allow-Events";
            case 'a': return "Accept-Contact";
            case 'j': return "Reject-Contact";
            case 'd': return "Request-Disposition";
            case 'x': return "Session-Expires";
            case 'y': return "Identity";
            case 'n': return "Identity-Info";
            default: return name;
        }
    }

    /** RFC 3261 {@code token} characters. */
    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c : "-.!%*_+`'~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Length of the header name if {@code b[s..e)} starts with {@code token *WSP ":"}; -1 otherwise.
     */
    static int headerNameLength(char[] b, int s, int e) {
        int i = s;
        while (i < e && isTokenChar(b[i])) {
            i++;
        }
        int nameEnd = i;
        if (nameEnd == s) {
            return -1;
        }
        while (i < e && isWsp(b[i])) {
            i++;
        }
        return i < e && b[i] == ':' ? nameEnd - s : -1;
    }

    static int headerNameLength(String line) {
        int e = line.length();
        int i = 0;
        while (i < e && isTokenChar(line.charAt(i))) {
            i++;
        }
        int nameEnd = i;
        if (nameEnd == 0) {
            return -1;
        }
        while (i < e && isWsp(line.charAt(i))) {
            i++;
        }
        return i < e && line.charAt(i) == ':' ? nameEnd : -1;
    }

    /** The media type of a Content-Type value in lower case, without parameters ({@code multipart/alternative}). */
    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of parameter {@code name} in a header value of the form {@code x;name=value;name2="v"}, unquoted;
     * semicolons inside quotes do not split.
     */
    static Optional<String> parameter(String headerValue, String name) {
        int n = headerValue.length();
        int i = nextSemicolon(headerValue, 0); // skip the leading value
        while (i < n) {
            int start = i + 1; // past ';'
            i = nextSemicolon(headerValue, start);
            String param = headerValue.substring(start, i).trim();
            int eq = param.indexOf('=');
            String key = (eq < 0 ? param : param.substring(0, eq)).trim();
            if (key.equalsIgnoreCase(name)) {
                String v = eq < 0 ? "" : param.substring(eq + 1).trim();
                if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
                    v = v.substring(1, v.length() - 1);
                } else if (v.startsWith("\"")) {
                    v = v.substring(1);
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Index of the first ';' at or after {@code from} outside double quotes, or the length of {@code v}. */
    private static int nextSemicolon(String v, int from) {
        boolean inQuote = false;
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
            } else if (c == ';' && !inQuote) {
                return i;
            }
        }
        return v.length();
    }

    /** Whether a header value carries {@code token} as one of its {@code ;}-separated parameters (no value). */
    static boolean hasFlagParameter(String headerValue, String token) {
        for (String part : headerValue.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if ((eq < 0 ? p : p.substring(0, eq).trim()).equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
