package io.mediapath.sdp.sip;

import java.util.Arrays;

/** Line boundaries of a text: LF or CRLF terminated; a CR before LF is not part of the line. */
final class TextLines {
    final String text;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int count;

    TextLines(String text) {
        this.text = text;
        int n = text.length();
        int start = 0;
        while (start < n) {
            int nl = text.indexOf('\n', start);
            int next = nl < 0 ? n : nl + 1;
            int end = nl < 0 ? n : nl;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            add(start, end);
            start = next;
        }
    }

    private void add(int s, int e) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = s;
        ends[count] = e;
        count++;
    }

    int count() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    /** Offset just past line {@code i} including its terminator. */
    int next(int i) {
        return i + 1 < count ? starts[i + 1] : text.length();
    }

    String line(int i) {
        return text.substring(starts[i], ends[i]);
    }

    boolean isBlank(int i) {
        return starts[i] == ends[i];
    }
}
