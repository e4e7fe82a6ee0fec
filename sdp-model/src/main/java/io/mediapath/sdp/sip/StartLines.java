package io.mediapath.sdp.sip;

/** Finds a SIP start line inside a log line, after whatever prefix the log put in front of it. */
final class StartLines {
    private StartLines() {
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Index in {@code b} where a SIP start line begins within {@code b[s..e)}, or -1. Responses:
     * {@code SIP/2.0 ddd[ reason]}; requests: {@code METHOD uri SIP/2.0} at the end of the line, METHOD upper case,
     * the URI containing a ':' (sip:, sips:, tel:, urn:). The text before must end with a non-alphanumeric char.
     */
    static int find(char[] b, int s, int e) {
        // 'SIP/2.0' needs 7 chars; search for the '/' (rare in log text) and check around it
        for (int i = s + 3; i + 3 < e; i++) {
            if (b[i] != '/') {
                continue;
            }
            if (b[i - 3] != 'S' || b[i - 2] != 'I' || b[i - 1] != 'P' || b[i + 1] != '2'
                    || b[i + 2] != '.' || b[i + 3] != '0') {
                continue;
            }
            int v = i - 3; // start of "SIP/2.0"
            int after = i + 4;
            if (after + 4 <= e && b[after] == ' ' && isDigit(b[after + 1]) && isDigit(b[after + 2])
                    && isDigit(b[after + 3]) && (after + 4 == e || b[after + 4] == ' ' || b[after + 4] == '\t')) {
                if (v == s || !isAlnum(b[v - 1])) {
                    return v;
                }
                continue;
            }
            int end = e;
            while (end > after && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
                end--;
            }
            if (end != after || v - 1 <= s || b[v - 1] != ' ') {
                continue;
            }
            // request: METHOD SP URI SP SIP/2.0
            int uriEnd = v - 1;
            int uriStart = uriEnd;
            boolean colon = false;
            while (uriStart > s && b[uriStart - 1] != ' ' && b[uriStart - 1] != '\t') {
                uriStart--;
                if (b[uriStart] == ':') {
                    colon = true;
                }
            }
            if (!colon || uriStart == uriEnd || uriStart - 1 <= s || b[uriStart - 1] != ' ') {
                continue;
            }
            int mEnd = uriStart - 1;
            int mStart = mEnd;
            while (mStart > s && (b[mStart - 1] >= 'A' && b[mStart - 1] <= 'Z' || b[mStart - 1] == '-')) {
                mStart--;
            }
            int len = mEnd - mStart;
            if (len < 2 || len > 32 || b[mStart] == '-') {
                continue;
            }
            if (mStart == s || !isAlnum(b[mStart - 1])) {
                return mStart;
            }
        }
        return -1;
    }

    static int find(String line) {
        return find(line.toCharArray(), 0, line.length());
    }
}
