package io.mediapath.examples.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecodeMsDiagnosticsExampleTest {

    @Test
    void decodesTheBitsAndGivesTheIpBypassRemedy() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            DecodeMsDiagnosticsExample.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("code 23:")
                .contains("CALLER application-sharing ICEWarn=0x800328")
                .contains("0x800000 PSEUDO_TLS_FAILURE")
                .contains("0x8 TCP_ALLOCATE_FAILED")
                .contains("caller INTRANET, callee INTERNET")
                .contains("CRITICAL ICEWARN_PSEUDO_TLS_FAILURE -> ")
                .contains("by IP address (10.20.1.10)");
    }
}
