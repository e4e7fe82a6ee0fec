package io.mediapath.sdp.msdiag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed {@code ms-diagnostics}, {@code ms-client-diagnostics} or {@code ms-diagnostics-public} header value:
 * {@code <code>[.<sub>];reason="…";Name=value;Name="value"…}.
 *
 * <p>Parsing follows what is seen in the wild rather than a grammar: blanks around {@code ;} and {@code =},
 * quoted and unquoted values, values wrapped over lines (already joined by the SIP parser, possibly with blanks
 * inside), an unclosed last quote (cut web copies), and the monitoring-server rendering whose
 * {@code BaseAddress="…:20018; MrDnsU="…"} lacks a closing quote (the value is cut at the {@code ;}).
 * {@link #mediaDebug()} splits {@code CallerMediaDebug}/{@code CalleeMediaDebug} values into one
 * {@link MediaDebug} per {@code <media>:} section, and turns the flat monitoring form
 * ({@code UserType}/{@code MediaType}/{@code ICEWarn} parameters) into one too.
 *
 * @param code        the diagnostic code
 * @param subCode     the optional {@code .sub} code
 * @param reason      the {@code reason} parameter, unquoted; empty when absent
 * @param parameters  every parameter in order, keys as written (first occurrence wins), values unquoted
 * @param mediaDebug  the media connectivity reports, in order
 */
public record MsDiagnostics(int code, OptionalInt subCode, String reason, Map<String, String> parameters,
        List<MediaDebug> mediaDebug) {

    /** Longest value parsed; longer input is refused rather than scanned (real values are well under 2 KiB). */
    public static final int MAX_LENGTH = 64 * 1024;

    public MsDiagnostics {
        Objects.requireNonNull(subCode, "subCode");
        Objects.requireNonNull(reason, "reason");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        mediaDebug = List.copyOf(mediaDebug);
    }

    /** A parameter by name, ignoring case. */
    public Optional<String> parameter(String name) {
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The table entry for {@link #code()}, when its meaning is published. */
    public Optional<DiagnosticCode> known() {
        return DiagnosticCode.lookup(code);
    }

    /**
     * Parses a header value (without the header name).
     *
     * @throws MsDiagnosticsParseException when there is no leading numeric code, or a parameter name is missing
     */
    public static MsDiagnostics parse(String headerValue) {
        Objects.requireNonNull(headerValue, "headerValue");
        if (headerValue.length() > MAX_LENGTH) {
            throw new MsDiagnosticsParseException(MAX_LENGTH, "value longer than " + MAX_LENGTH + " characters", "");
        }
        String v = headerValue;
        int n = v.length();
        int i = skipWs(v, 0);
        int codeStart = i;
        while (i < n && Character.isDigit(v.charAt(i)) && v.charAt(i) < 128) {
            i++;
        }
        if (i == codeStart || i - codeStart > 9) {
            throw new MsDiagnosticsParseException(codeStart, "no diagnostic code", "a decimal code such as 51007");
        }
        int code = Integer.parseInt(v.substring(codeStart, i));
        OptionalInt sub = OptionalInt.empty();
        if (i < n && v.charAt(i) == '.') {
            int s = i + 1;
            int k = s;
            while (k < n && v.charAt(k) >= '0' && v.charAt(k) <= '9') {
                k++;
            }
            if (k > s && k - s <= 9) {
                sub = OptionalInt.of(Integer.parseInt(v.substring(s, k)));
                i = k;
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        List<String[]> ordered = new ArrayList<>();
        while (true) {
            i = skipWs(v, i);
            if (i >= n) {
                break;
            }
            char c = v.charAt(i);
            if (c == ';' || c == ',') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && isNameChar(v.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw new MsDiagnosticsParseException(i, "unexpected '" + c + "'", "a parameter name or ';'");
            }
            String name = v.substring(nameStart, i);
            i = skipWs(v, i);
            String value = "";
            if (i < n && v.charAt(i) == '=') {
                i = skipWs(v, i + 1);
                if (i < n && v.charAt(i) == '"') {
                    int close = closingQuote(v, i + 1);
                    if (close < 0) {
                        value = unescape(v.substring(i + 1)).trim(); // cut copy: take the rest
                        i = n;
                    } else {
                        int after = skipWs(v, close + 1);
                        String quoted = v.substring(i + 1, close);
                        int semi = quoted.indexOf(';');
                        if (after < n && v.charAt(after) != ';' && v.charAt(after) != ',' && semi >= 0) {
                            // BaseAddress="1.2.3.4:20018; MrDnsU="x" — the closing quote is missing: cut at ';'
                            value = quoted.substring(0, semi).trim();
                            i = i + 1 + semi;
                        } else {
                            value = unescape(quoted);
                            i = close + 1;
                        }
                    }
                } else {
                    int s = i;
                    while (i < n && v.charAt(i) != ';') {
                        i++;
                    }
                    value = v.substring(s, i).trim();
                }
            }
            params.putIfAbsent(name, value);
            ordered.add(new String[] {name, value});
        }
        String reason = "";
        for (String[] p : ordered) {
            if (p[0].equalsIgnoreCase("reason")) {
                reason = p[1];
                break;
            }
        }
        return new MsDiagnostics(code, sub, reason, params, mediaDebug(ordered));
    }

    private static List<MediaDebug> mediaDebug(List<String[]> params) {
        List<MediaDebug> out = new ArrayList<>();
        for (String[] p : params) {
            String lower = p[0].toLowerCase(Locale.ROOT);
            if (lower.endsWith("mediadebug")) {
                MediaDebug.Side side = lower.startsWith("caller") ? MediaDebug.Side.CALLER
                        : lower.startsWith("callee") ? MediaDebug.Side.CALLEE : MediaDebug.Side.UNKNOWN;
                out.addAll(sections(side, p[1]));
            }
        }
        if (out.isEmpty()) {
            // monitoring-server form: UserType="Callee"; MediaType="audio"; ICEWarn="0x…"; LocalSite="…"; …
            String mediaType = null;
            MediaDebug.Side side = MediaDebug.Side.UNKNOWN;
            boolean iceWarn = false;
            Map<String, String> fields = new LinkedHashMap<>();
            for (String[] p : params) {
                String key = p[0];
                if (key.equalsIgnoreCase("MediaType")) {
                    mediaType = p[1];
                } else if (key.equalsIgnoreCase("UserType")) {
                    side = p[1].equalsIgnoreCase("Caller") ? MediaDebug.Side.CALLER
                            : p[1].equalsIgnoreCase("Callee") ? MediaDebug.Side.CALLEE : MediaDebug.Side.UNKNOWN;
                } else if (!key.equalsIgnoreCase("reason") && !key.equalsIgnoreCase("source")
                        && !key.equalsIgnoreCase("component")) {
                    iceWarn |= key.equalsIgnoreCase("ICEWarn");
                    fields.putIfAbsent(key, p[1]);
                }
            }
            if (iceWarn || mediaType != null) {
                out.add(new MediaDebug(side, mediaType == null ? "" : mediaType, fields));
            }
        }
        return out;
    }

    /** Splits {@code audio:ICEWarn=0x0,LocalSite=…,video:ICEWarn=…} into sections. */
    private static List<MediaDebug> sections(MediaDebug.Side side, String value) {
        List<MediaDebug> out = new ArrayList<>();
        String mediaType = null;
        Map<String, String> fields = new LinkedHashMap<>();
        for (String raw : value.split("[,|]")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            int eq = item.indexOf('=');
            if (colon > 0 && (eq < 0 || colon < eq) && isMediaName(item.substring(0, colon))) {
                if (mediaType != null || !fields.isEmpty()) {
                    out.add(new MediaDebug(side, mediaType == null ? "" : mediaType, fields));
                    fields = new LinkedHashMap<>();
                }
                mediaType = item.substring(0, colon);
                item = item.substring(colon + 1).trim();
                eq = item.indexOf('=');
                if (item.isEmpty()) {
                    continue;
                }
            }
            String key = (eq < 0 ? item : item.substring(0, eq)).trim();
            String val = eq < 0 ? "" : item.substring(eq + 1).trim();
            if (!key.isEmpty()) {
                fields.putIfAbsent(key, val);
            }
        }
        if (mediaType != null || !fields.isEmpty()) {
            out.add(new MediaDebug(side, mediaType == null ? "" : mediaType, fields));
        }
        return out;
    }

    private static boolean isMediaName(String s) {
        if (s.isEmpty() || s.length() > 40 || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        // a media section never starts with a field that has digits only before the colon (ip:port)
        return true;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                || c == '.';
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int closingQuote(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }
}
