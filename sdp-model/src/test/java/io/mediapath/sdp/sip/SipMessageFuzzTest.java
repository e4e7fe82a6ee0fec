package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import io.mediapath.sdp.msdiag.DiagnosticsHeader;

class SipMessageFuzzTest {

    /** Any bytes: a message or a SipParseException, never another exception; every accessor works. */
    @FuzzTest
    void fuzz(byte @NotNull [] input) {
        SipMessage m;
        try {
            m = SipMessage.parse(input);
        } catch (SipParseException e) {
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
            return;
        }
        assertThat(m.body().length()).isLessThanOrEqualTo(input.length);
        assertThat(m.firstLine()).isPositive();
        assertThat(m.isRequest() ? m.statusCode() : m.statusCode() - 100).isBetween(0, 599);
        for (SipHeader h : m.headers()) {
            assertThat(h.line()).isGreaterThan(m.firstLine());
            assertThat(m.header(h.name())).isPresent();
        }
        m.callId();
        m.cseq();
        m.startLine();
        m.bodyFirstLine();
        try {
            for (BodyPart p : m.bodyParts()) {
                assertThat(p.firstLine()).isPositive();
                p.isMsProxy2007Fallback();
                p.lines();
            }
            m.sdpBodies();
        } catch (SipParseException e) {
            assertThat(e.line()).isPositive();
        }
        DiagnosticsHeader.of(m);
    }
}
