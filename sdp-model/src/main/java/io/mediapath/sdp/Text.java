package io.mediapath.sdp;

import java.util.Objects;

/** Checks for values put into builders, so that a built description always re-parses. */
final class Text {
    private Text() {
    }

    /** A value that must fit on one line: no CR, LF or NUL. */
    static String value(String v, String what) {
        Objects.requireNonNull(v, what);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0') {
                throw new IllegalArgumentException(what + " must not contain CR, LF or NUL");
            }
        }
        return v;
    }

    /** A field inside a space-separated line: non-empty, no spaces. */
    static String token(String v, String what) {
        value(v, what);
        if (v.isEmpty() || v.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(what + " must be non-empty and without spaces: '" + v + "'");
        }
        return v;
    }

    /** An attribute name: RFC 8866 token characters. */
    static String attributeName(String v) {
        token(v, "attribute name");
        for (int i = 0; i < v.length(); i++) {
            if (!SdpParser.isTokenChar(v.charAt(i)) || v.charAt(i) == ':') {
                throw new IllegalArgumentException("attribute name has a non-token character: '" + v + "'");
            }
        }
        return v;
    }
}
