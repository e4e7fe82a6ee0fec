package io.mediapath.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The line index of one parsed text: where each line starts and ends and what type letter it has. Views (lines,
 * attributes) are cut from the text on demand, so a parse allocates almost nothing per line.
 */
final class Lines {
    final String text;
    final int[] starts;
    final int[] ends;
    final byte[] types;
    final int count;

    Lines(String text, int[] starts, int[] ends, byte[] types, int count) {
        this.text = text;
        this.starts = starts;
        this.ends = ends;
        this.types = types;
        this.count = count;
    }

    String lineText(int i) {
        return text.substring(starts[i], ends[i]);
    }

    /** Value after {@code x=} of a typed line. */
    String value(int i) {
        return text.substring(starts[i] + 2, ends[i]);
    }

    String lineEnding(int i) {
        int next = i + 1 < count ? starts[i + 1] : text.length();
        return text.substring(ends[i], next);
    }

    SdpLine line(int i) {
        return new SdpLine(i + 1, (char) types[i], lineText(i), lineEnding(i));
    }

    List<SdpLine> lines() {
        List<SdpLine> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(line(i));
        }
        return List.copyOf(out);
    }

    Attribute attribute(int i) {
        int s = starts[i] + 2;
        int e = ends[i];
        int colon = text.indexOf(':', s);
        if (colon < 0 || colon >= e) {
            return new Attribute(text.substring(s, e), Optional.empty(), i + 1);
        }
        return new Attribute(text.substring(s, colon), Optional.of(text.substring(colon + 1, e)), i + 1);
    }

    /** Attributes of lines [from, to). */
    List<Attribute> attributes(int from, int to) {
        List<Attribute> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (types[i] == 'a') {
                out.add(attribute(i));
            }
        }
        return List.copyOf(out);
    }

    /** Whether line i is an attribute called exactly {@code name}. */
    boolean isAttribute(int i, String name) {
        if (types[i] != 'a') {
            return false;
        }
        int s = starts[i] + 2;
        int n = name.length();
        int e = ends[i];
        return e - s >= n && text.startsWith(name, s) && (s + n == e || text.charAt(s + n) == ':');
    }
}
