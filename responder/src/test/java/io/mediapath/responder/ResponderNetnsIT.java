package io.mediapath.responder;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.lab.netns.ExecResult;
import io.mediapath.lab.netns.NetnsSeedTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seeds' two-capture proof, reproduced in network namespaces this test creates (lab's
 * {@link NetnsSeedTopology}): a client namespace, a middlebox, and a "DMZ" namespace with the responder on 443 and
 * 3478 ({@link NetnsResponderMain}). The near end ({@link NetnsProofMain}) runs inside the client namespace.
 * <ul>
 *   <li>clean path: every leg reached, receipts valid;</li>
 *   <li>transparent sslsplit REDIRECT of TCP 443 on the client side: the TCP legs intercepted (no valid receipt)
 *       although the TCP connect succeeds, UDP still reached;</li>
 *   <li>MASQUERADE between: translated, the middlebox's relay-side address named as egress;</li>
 *   <li>the lab's intercepting proxy passing bytes through but changing one: modified, with the offset;</li>
 *   <li>UDP 3478 dropped in the middlebox: the UDP leg dropped.</li>
 * </ul>
 * Needs root (the test command runs as root). Naming the interceptor of the sslsplit case (tls-inspect's verdicts) is
 * the playbook's work and is asserted with it, in diagnose's {@code ResponderPlaybookNetnsIT}: this module must not
 * depend on tls-inspect.
 */
class ResponderNetnsIT {

    private static final Duration RUN = Duration.ofSeconds(90);
    private static final String SECRET = "netns-proof-token-0123456789abcdef";
    private static Path tokenFile;

    @BeforeAll
    static void token() throws Exception {
        tokenFile = Files.createTempFile("mediapath-responder-token", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, SECRET + "\n");
    }

    @AfterAll
    static void removeToken() throws Exception {
        Files.deleteIfExists(tokenFile);
    }

    private static NetnsSeedTopology topology() {
        return NetnsSeedTopology.builder().intercept(false)
                .relayJava(NetnsResponderMain.class.getName(), NetnsSeedTopology.RELAY_IP, tokenFile.toString())
                .start();
    }

    private static Map<String, String[]> prove(NetnsSeedTopology t) {
        ExecResult r = t.runJavaInClient(RUN, NetnsProofMain.class.getName(), NetnsSeedTopology.RELAY_IP,
                tokenFile.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        assertThat(r.stdout() + r.stderr()).doesNotContain(SECRET);
        Map<String, String[]> legs = new LinkedHashMap<>();
        Matcher m = Pattern.compile("leg=(\\S+) conclusion=(\\S+) egress=(\\S+) first=(\\S+) detail=(.*)")
                .matcher(r.stdout());
        while (m.find()) {
            legs.put(m.group(1), new String[] {m.group(2), m.group(3), m.group(4), m.group(5)});
        }
        assertThat(legs).as(r.stdout() + r.stderr()).containsKeys("udp", "tcp", "pseudo-tls", "tls");
        return legs;
    }

    private static String conclusion(Map<String, String[]> legs, String leg) {
        return legs.get(leg)[0];
    }

    @Test
    void cleanThenInterceptedByTransparentSslsplit() {
        try (NetnsSeedTopology t = topology()) {
            Map<String, String[]> clean = prove(t);
            for (String leg : clean.keySet()) {
                assertThat(conclusion(clean, leg)).as(leg + ": " + String.join(" ", clean.get(leg))).isEqualTo("REACHED");
            }

            t.setInterception(true);
            Map<String, String[]> caught = prove(t);
            assertThat(conclusion(caught, "udp")).isEqualTo("REACHED"); // only TCP 443 is redirected
            for (String leg : new String[] {"tcp", "pseudo-tls", "tls"}) {
                assertThat(conclusion(caught, leg)).as(leg + ": " + String.join(" ", caught.get(leg)))
                        .isEqualTo("INTERCEPTED");
            }
            // the connect itself succeeded (sslsplit accepted it): the telnet trap, proven from both ends
            assertThat(caught.get("tcp")[3]).contains("answer");
            assertThat(t.sslsplitConnectLog()).isNotEmpty();
        }
    }

    @Test
    void masqueradeIsTranslatedAndNamesTheEgress() {
        try (NetnsSeedTopology t = topology()) {
            t.iptablesInMiddlebox("-t", "nat", "-A", "POSTROUTING", "-o", "tor", "-j", "MASQUERADE");
            Map<String, String[]> legs = prove(t);
            for (String leg : legs.keySet()) {
                assertThat(conclusion(legs, leg)).as(leg + ": " + String.join(" ", legs.get(leg))).isEqualTo("TRANSLATED");
                assertThat(legs.get(leg)[1]).isEqualTo(t.middleboxRelaySideAddress());
            }
        }
    }

    @Test
    void aProxyThatChangesOneByteIsModifiedAndUdpDropIsDropped() {
        try (NetnsSeedTopology t = topology()) {
            t.startJavaInMiddlebox(t.middleboxClientSideAddress(), 8444, ModifyingProxyMain.class.getName(),
                    t.middleboxClientSideAddress(), "8444", NetnsSeedTopology.RELAY_IP, "443", "30");
            t.iptablesInMiddlebox("-t", "nat", "-A", "PREROUTING", "-i", "toc", "-p", "tcp", "-d",
                    NetnsSeedTopology.RELAY_IP, "--dport", "443", "-j", "REDIRECT", "--to-ports", "8444");
            t.iptablesInMiddlebox("-A", "FORWARD", "-p", "udp", "--dport", "3478", "-j", "DROP");
            Map<String, String[]> legs = prove(t);
            assertThat(conclusion(legs, "tcp")).as(String.join(" ", legs.get("tcp"))).isEqualTo("MODIFIED");
            assertThat(legs.get("tcp")[2]).isEqualTo("30");
            assertThat(legs.get("tcp")[3]).contains("offset 30");
            assertThat(conclusion(legs, "udp")).as(String.join(" ", legs.get("udp"))).isEqualTo("DROPPED");
        }
    }
}
