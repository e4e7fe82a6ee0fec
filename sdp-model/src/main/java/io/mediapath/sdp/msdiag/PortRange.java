package io.mediapath.sdp.msdiag;

import java.util.Optional;

/**
 * The client's media port range from {@code PortRange=50020:50039}.
 *
 * @param first lowest port
 * @param last  highest port
 */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("bad port range " + first + ":" + last);
        }
    }

    /** Number of ports in the range. */
    public int size() {
        return last - first + 1;
    }

    /** Parses {@code a:b} (also {@code a-b}); empty when malformed. */
    public static Optional<PortRange> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        int sep = t.indexOf(':');
        if (sep < 0) {
            sep = t.indexOf('-');
        }
        if (sep <= 0 || sep > 5 || t.length() - sep - 1 > 5 || sep == t.length() - 1) {
            return Optional.empty();
        }
        String a = t.substring(0, sep);
        String b = t.substring(sep + 1);
        if (!a.chars().allMatch(Character::isDigit) || !b.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int x = Integer.parseInt(a);
        int y = Integer.parseInt(b);
        return x <= y && y <= 65535 ? Optional.of(new PortRange(x, y)) : Optional.empty();
    }
}
