package io.mediapath.exporter;

/** Keeps label values bounded: no control characters, at most {@link #MAX_LABEL} characters. */
final class Labels {
    /** The longest label value written (an issuer DN is cut here). */
    static final int MAX_LABEL = 128;

    private Labels() {
    }

    static String bound(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_LABEL));
        for (int i = 0; i < value.length() && b.length() < MAX_LABEL; i++) {
            char c = value.charAt(i);
            b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return b.toString();
    }
}
