package io.mediapath.sdp;

/**
 * How strictly to parse and how much input to accept: {@link #lenient()}, {@link #strict()}, or {@link #builder()}
 * for other limits. Limits are checked while reading, so an oversized input
 * fails with an {@link SdpParseException} instead of exhausting memory.
 *
 * <p>The component is called {@code strictMode} because a record accessor {@code strict()} would clash with the
 * {@link #strict()} factory.
 *
 * @param strictMode    {@code true}: RFC 8866 only (line order, no unknown line types, no blank lines, no trailing
 *                      whitespace, no lone CR); {@code false}: accept what real endpoints send, keeping oddities
 *                      verbatim
 * @param maxBytes      largest accepted input; for a {@code String} this counts UTF-16 chars, for bytes, bytes
 * @param maxLines      largest number of lines
 * @param maxMedia      largest number of {@code m=} sections
 * @param maxLineLength longest line (without its line ending)
 */
public record SdpParseOptions(boolean strictMode, int maxBytes, int maxLines, int maxMedia, int maxLineLength) {

    /** Default input limit: 1 MiB, far above a 13-m-line Teams renegotiation offer (~20 KB). */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    /** Default line limit. */
    public static final int DEFAULT_MAX_LINES = 20_000;
    /** Default m= section limit. */
    public static final int DEFAULT_MAX_MEDIA = 512;
    /** Default line length limit. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 16_384;

    private static final SdpParseOptions LENIENT =
            new SdpParseOptions(false, DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES, DEFAULT_MAX_MEDIA, DEFAULT_MAX_LINE_LENGTH);
    private static final SdpParseOptions STRICT = LENIENT.toBuilder().strict(true).build();

    /** Validates the limits. */
    public SdpParseOptions {
        if (maxBytes < 1 || maxLines < 1 || maxMedia < 0 || maxLineLength < 1) {
            throw new IllegalArgumentException("limits must be positive (maxMedia may be 0)");
        }
    }

    /** Accepts what real endpoints send; default limits. */
    public static SdpParseOptions lenient() {
        return LENIENT;
    }

    /** RFC 8866 only; default limits. */
    public static SdpParseOptions strict() {
        return STRICT;
    }

    /** Whether this is strict RFC 8866 parsing (same as {@link #strictMode()}). */
    public boolean isStrict() {
        return strictMode;
    }

    /** A builder starting from {@link #lenient()}. */
    public static Builder builder() {
        return LENIENT.toBuilder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.strict = strictMode;
        b.maxBytes = maxBytes;
        b.maxLines = maxLines;
        b.maxMedia = maxMedia;
        b.maxLineLength = maxLineLength;
        return b;
    }

    /** Builds {@link SdpParseOptions}; {@link #build()} checks the limits. */
    public static final class Builder {
        private boolean strict;
        private int maxBytes;
        private int maxLines;
        private int maxMedia;
        private int maxLineLength;

        private Builder() {
        }

        /** RFC 8866 only ({@code true}) or what real endpoints send ({@code false}). */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Largest accepted input. */
        public Builder maxBytes(int maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /** Largest number of lines. */
        public Builder maxLines(int maxLines) {
            this.maxLines = maxLines;
            return this;
        }

        /** Largest number of {@code m=} sections. */
        public Builder maxMedia(int maxMedia) {
            this.maxMedia = maxMedia;
            return this;
        }

        /** Longest line (without its line ending). */
        public Builder maxLineLength(int maxLineLength) {
            this.maxLineLength = maxLineLength;
            return this;
        }

        /** The options. */
        public SdpParseOptions build() {
            return new SdpParseOptions(strict, maxBytes, maxLines, maxMedia, maxLineLength);
        }
    }
}
