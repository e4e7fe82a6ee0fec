package io.mediapath.ice;

import java.util.Objects;

/**
 * One entry of a module's finding catalogue: the stable code scripts match on, its usual severity, a title that
 * says what it means, and the remedy a finding of this code gives unless it words a more specific one. Each module
 * keeps its entries in one catalogue class ({@link FindingCodes} here); {@code docs/findings.md} lists exactly them.
 *
 * <p>A <em>family</em> is a code that ends with {@code _}: its findings carry the prefix followed by a variable part
 * (e.g. {@code ICEWARN_} + the ICEWarn flag name), made with {@link #builder(String, Severity)}.
 *
 * @param code     UPPER_SNAKE_CASE; a family's ends with {@code _}
 * @param severity the usual severity (an emitter may report another, e.g. ERROR instead of WARNING for TCP media)
 * @param title    what it means, in one line
 * @param remedy   what to do; empty when there is nothing to do
 */
public record FindingCode(String code, Severity severity, String title, String remedy) {

    public FindingCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(remedy, "remedy");
        if (!Finding.isCode(code)) {
            throw new IllegalArgumentException("code: " + code + " (expected: UPPER_SNAKE_CASE)");
        }
    }

    /** An entry. */
    public static FindingCode of(String code, Severity severity, String title, String remedy) {
        return new FindingCode(code, severity, title, remedy);
    }

    /** True for a family: findings carry {@link #code()} followed by a variable part. */
    public boolean family() {
        return code.endsWith("_");
    }

    /** True when {@code findingCode} is this code, or a member of this family. */
    public boolean covers(String findingCode) {
        return family() ? findingCode.startsWith(code) && findingCode.length() > code.length() : findingCode.equals(code);
    }

    /** A finding of this code with its usual severity and the catalogue's remedy. */
    public Finding.Builder builder() {
        return builder(severity);
    }

    /** A finding of this code with another severity and the catalogue's remedy. */
    public Finding.Builder builder(Severity other) {
        if (family()) {
            throw new IllegalStateException(code + " is a family: name the member");
        }
        return Finding.builder(code, other).remedy(remedy);
    }

    /** A finding of the family member {@code code() + member}. */
    public Finding.Builder builder(String member, Severity other) {
        if (!family()) {
            throw new IllegalStateException(code + " is not a family");
        }
        return Finding.builder(code + member, other).remedy(remedy);
    }
}
