package io.mediapath.sdp.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

class MultipartFuzzTest {

    /** A boundary and a body: parts or a SipParseException; bounded part count; lines map inside the body. */
    @FuzzTest
    void fuzz(FuzzedDataProvider data) {
        String boundary = data.consumeString(70);
        String body = data.consumeRemainingAsString();
        Multipart.boundary("multipart/mixed;boundary=" + boundary);
        if (boundary.isEmpty()) {
            return;
        }
        List<BodyPart> parts;
        try {
            parts = Multipart.split(body, boundary);
        } catch (SipParseException e) {
            assertThat(e.line()).isPositive();
            return;
        }
        assertThat(parts.size()).isLessThanOrEqualTo(Multipart.MAX_PARTS);
        long bodyLines = body.chars().filter(c -> c == '\n').count() + 1;
        for (BodyPart p : parts) {
            assertThat(p.body().length()).isLessThanOrEqualTo(body.length());
            assertThat((long) p.firstLine()).isBetween(1L, bodyLines + 1);
            p.mediaType();
            p.isSdp();
            p.isMsProxy2007Fallback();
        }
    }
}
