package io.mediapath.examples.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuditSdpExampleTest {

    @Test
    void printsTheMatrixAndTheSeedFindings() throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            AuditSdpExample.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("m=applicationsharing TCP/RTP/AVP")
                .contains("ERROR NO_TCP_RELAY_CANDIDATE")
                .contains("WARNING HOST_ONLY_CANDIDATES")
                .contains("offer.sdp line 7: a=candidate:1 1 TCP-ACT 2020212991 10.20.30.40 50040 typ host")
                .contains("worst: ERROR");
        assertThat(out.lines().filter(l -> l.startsWith("host")).findFirst().orElseThrow()).matches("host\\s+-\\s+1\\s+1\\s*");
    }
}
