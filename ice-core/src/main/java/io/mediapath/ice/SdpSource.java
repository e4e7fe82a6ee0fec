package io.mediapath.ice;

import io.mediapath.sdp.SessionDescription;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * A session description and where it came from, so that findings can point at the line a person should look at.
 *
 * @param sdp         the parsed description
 * @param name        what the evidence calls it, e.g. {@code "offer (INVITE, client.log)"} or a file name
 * @param lineOffset  the source line before the SDP's first line (0 for a bare SDP file)
 * @param sourceLines SDP line number (1-based) → source line number; {@code lineOffset + n} unless the SDP's lines are
 *                    not contiguous in the source (a Wireshark packet-detail dump interleaves other lines)
 */
public record SdpSource(SessionDescription sdp, String name, int lineOffset, IntUnaryOperator sourceLines) {

    public SdpSource {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceLines, "sourceLines");
        if (lineOffset < 0) {
            throw new IllegalArgumentException("lineOffset: " + lineOffset + " (expected: >= 0)");
        }
    }

    /** An SDP whose lines follow each other in the source, after line {@code lineOffset}. */
    public SdpSource(SessionDescription sdp, String name, int lineOffset) {
        this(sdp, name, lineOffset, n -> lineOffset + n);
    }

    /** A bare SDP: line numbers as they are. */
    public static SdpSource of(SessionDescription sdp, String name) {
        return new SdpSource(sdp, name, 0);
    }

    /** An SDP whose line {@code n} stands at source line {@code sourceLines.applyAsInt(n)}. */
    public static SdpSource mapped(SessionDescription sdp, String name, IntUnaryOperator sourceLines) {
        return new SdpSource(sdp, name, Math.max(0, sourceLines.applyAsInt(1) - 1), sourceLines);
    }

    /** The source line of SDP line {@code lineNumber}. */
    public int sourceLine(int lineNumber) {
        return sourceLines.applyAsInt(lineNumber);
    }

    /** Evidence for SDP line {@code lineNumber} with the given text. */
    public Evidence line(int lineNumber, String text) {
        return Evidence.line(name, sourceLine(lineNumber), text);
    }
}
