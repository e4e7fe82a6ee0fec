package io.mediapath.turn.stun;

import java.text.Normalizer;

/**
 * How a password (and realm) is prepared before it is hashed into a key. RFC 8489 uses the PRECIS OpaqueString
 * profile (RFC 8265); RFC 5389 and the RFC 5769 vectors used SASLprep (RFC 4013). For ASCII passwords all three
 * give the same bytes.
 */
public enum PasswordPreparation {
    /** RFC 8265 OpaqueString: non-ASCII spaces to U+0020, NFC, control and default-ignorable code points rejected. */
    OPAQUE_STRING,
    /** RFC 4013 SASLprep: non-ASCII spaces to U+0020, "commonly mapped to nothing" removed, NFKC, prohibited rejected. */
    SASLPREP,
    /** No preparation: the string's UTF-8 bytes. */
    NONE;

    /**
     * Prepares {@code s}.
     *
     * @throws IllegalArgumentException when the string contains a code point the profile disallows (the message
     *                                  names the code point's position, never the string)
     */
    public String prepare(String s) {
        return switch (this) {
            case NONE -> s;
            case OPAQUE_STRING -> opaqueString(s);
            case SASLPREP -> saslprep(s);
        };
    }

    private static String opaqueString(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isNonAsciiSpace(cp)) {
                b.append(' ');
            } else {
                b.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        String n = Normalizer.normalize(b, Normalizer.Form.NFC);
        checkProhibited(n, false);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("password: empty after OpaqueString preparation");
        }
        return n;
    }

    private static String saslprep(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isNonAsciiSpace(cp)) {
                b.append(' ');
            } else if (!isMappedToNothing(cp)) {
                b.appendCodePoint(cp);
            }
        }
        String n = Normalizer.normalize(b, Normalizer.Form.NFKC);
        checkProhibited(n, true);
        return n;
    }

    private static void checkProhibited(String s, boolean sasl) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            boolean bad = type == Character.CONTROL || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || (type == Character.FORMAT && !sasl) || cp == 0xFFFD;
            if (bad) {
                throw new IllegalArgumentException("password: prohibited code point at index " + i);
            }
            i += Character.charCount(cp);
        }
    }

    // RFC 3454 table C.1.2
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    // RFC 3454 table B.1
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }
}
