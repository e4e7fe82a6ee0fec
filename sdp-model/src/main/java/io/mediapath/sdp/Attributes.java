package io.mediapath.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/** Look-ups over attribute lists shared by the session and media levels, and small parsing helpers for views. */
public final class Attributes {

    /** Prefix of Microsoft's application-sharing attributes ({@code a=x-applicationsharing-session-id:1}, …). */
    public static final String X_APPLICATIONSHARING_PREFIX = "x-applicationsharing-";

    private Attributes() {
    }

    /** The first attribute called exactly {@code name}. */
    public static Optional<Attribute> first(List<Attribute> list, String name) {
        for (Attribute a : list) {
            if (a.is(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Every attribute called exactly {@code name}, in order. */
    public static List<Attribute> all(List<Attribute> list, String name) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : list) {
            if (a.is(name)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }

    /** Every attribute called {@code name} that {@code view} accepts, typed, in order. */
    public static <T> List<T> typed(List<Attribute> list, String name, Function<Attribute, Optional<T>> view) {
        List<T> out = new ArrayList<>();
        for (Attribute a : list) {
            if (a.is(name)) {
                view.apply(a).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    /** The trimmed value of the first attribute called {@code name} (empty for a property attribute). */
    static Optional<String> value(List<Attribute> list, String name) {
        return first(list, name).map(a -> a.valueOrEmpty().strip());
    }

    static OptionalLong number(List<Attribute> list, String name) {
        Optional<String> v = value(list, name);
        return v.isPresent() ? parseUnsigned(v.get()) : OptionalLong.empty();
    }

    static OptionalDouble decimal(List<Attribute> list, String name) {
        Optional<String> v = value(list, name);
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        String s = v.get();
        if (s.isEmpty() || s.length() > 24) {
            return OptionalDouble.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return OptionalDouble.empty();
            }
        }
        try {
            return OptionalDouble.of(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Decimal digits (at most 18) as a long, or empty. */
    static OptionalLong parseUnsigned(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return OptionalLong.empty();
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            v = v * 10 + (c - '0');
        }
        return OptionalLong.of(v);
    }

    /** Decimal digits within [0, max], or -1. */
    static long parseBounded(String s, long max) {
        OptionalLong v = parseUnsigned(s);
        return v.isPresent() && v.getAsLong() <= max ? v.getAsLong() : -1;
    }

    /** Splits on runs of spaces, ignoring leading and trailing ones. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            int j = i;
            while (j < n && s.charAt(j) != ' ') {
                j++;
            }
            if (j > i) {
                out.add(s.substring(i, j));
            }
            i = j;
        }
        return out;
    }
}
