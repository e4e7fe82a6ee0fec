package io.mediapath.ice;

import java.util.List;
import java.util.Objects;

/**
 * One conclusion: mediapath's currency. Every module reports in findings, and scripts match on {@link #code()},
 * so codes are stable strings, documented in {@code docs/findings.md}.
 *
 * @param code     stable upper-case identifier such as {@code NO_RELAY_CANDIDATE}
 * @param severity how bad it is
 * @param summary  one line a person reads first
 * @param evidence what supports it, in the order a person should check it
 * @param remedy   what to do about it; empty when there is nothing to do
 */
public record Finding(String code, Severity severity, String summary, List<Evidence> evidence, String remedy) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(remedy, "remedy");
        if (!isCode(code)) {
            throw new IllegalArgumentException("code: " + code + " (expected: UPPER_SNAKE_CASE)");
        }
    }

    static boolean isCode(String code) {
        if (code.isEmpty()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Starts a finding with the given code and severity. */
    public static Builder builder(String code, Severity severity) {
        return new Builder(code, severity);
    }

    /** Collects the parts of a {@link Finding}; {@link #build()} checks them. */
    public static final class Builder {
        private final String code;
        private final Severity severity;
        private String summary = "";
        private final java.util.ArrayList<Evidence> evidence = new java.util.ArrayList<>();
        private String remedy = "";

        private Builder(String code, Severity severity) {
            this.code = code;
            this.severity = severity;
        }

        /** The one-line summary. */
        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /** Adds one piece of evidence. */
        public Builder evidence(Evidence e) {
            this.evidence.add(Objects.requireNonNull(e, "evidence"));
            return this;
        }

        /** Adds several pieces of evidence. */
        public Builder evidence(List<Evidence> e) {
            e.forEach(this::evidence);
            return this;
        }

        /** What to do about it. */
        public Builder remedy(String remedy) {
            this.remedy = remedy;
            return this;
        }

        /** The finding. */
        public Finding build() {
            return new Finding(code, severity, summary, evidence, remedy);
        }
    }
}
