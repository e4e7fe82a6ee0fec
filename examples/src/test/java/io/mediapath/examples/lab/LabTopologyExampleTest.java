package io.mediapath.examples.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabTopologyExampleTest {

    @Test
    void cleanPathLooksGenuineAndTheFirewallDoesNot() throws Exception {
        List<LabTopologyExample.Observation> seen = LabTopologyExample.run();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).looksGenuine()).as(seen.get(0).toString()).isTrue();
        assertThat(seen.get(1).looksGenuine()).as(seen.get(1).toString()).isFalse();
        // ServerHello, Certificate and ServerHelloDone arrive in separate reads, a forged chain in the middle
        assertThat(seen.get(1).readSizes()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seen.get(1).total()).isGreaterThan(83);
    }

    @Test
    void mainPrintsBothScenarios() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            LabTopologyExample.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("clean path").contains("genuine pseudo-TLS answer")
                .contains("one record per packet").contains("something else answered");
    }
}
