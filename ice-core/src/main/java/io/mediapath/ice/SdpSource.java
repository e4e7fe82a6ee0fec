package io.mediapath.ice;

import io.mediapath.sdp.SessionDescription;
import java.util.Objects;

/**
 * A session description and where it came from, so that findings can point at the line a person should look at.
 *
 * @param sdp        the parsed description
 * @param name       what the evidence calls it, e.g. {@code "offer (INVITE, client.log)"} or a file name
 * @param lineOffset added to SDP line numbers to get line numbers in the source (0 for a bare SDP file; the line
 *                   before the body for a SIP message or log)
 */
public record SdpSource(SessionDescription sdp, String name, int lineOffset) {

    public SdpSource {
        Objects.requireNonNull(sdp, "sdp");
        Objects.requireNonNull(name, "name");
        if (lineOffset < 0) {
            throw new IllegalArgumentException("lineOffset: " + lineOffset + " (expected: >= 0)");
        }
    }

    /** A bare SDP: line numbers as they are. */
    public static SdpSource of(SessionDescription sdp, String name) {
        return new SdpSource(sdp, name, 0);
    }

    /** Evidence for SDP line {@code lineNumber} with the given text. */
    public Evidence line(int lineNumber, String text) {
        return Evidence.line(name, lineOffset + lineNumber, text);
    }
}
