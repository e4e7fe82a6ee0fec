package io.mediapath.diagnose;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text through the MRAS/relay extraction (issue 12): never an exception, at most {@link RelayExtractor#MAX_RELAYS}
 * relays, every host a plain name or address, every port in range, a bounded number of problems. The first byte
 * chooses whether the rest is wrapped in a {@code credentialsResponse} element, so the XML reader is reached often.
 * Seeds: {@code RelayExtractorFuzzTestInputs/fuzzExtract/}.
 */
class RelayExtractorFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void fuzzExtract(FuzzedDataProvider data) {
        boolean wrap = data.consumeBoolean();
        String body = data.consumeRemainingAsString();
        String text = wrap ? "SIP/2.0 200 OK\r\n\r\n<response><credentialsResponse>" + body + "</credentialsResponse></response>"
                : body;
        LogRelays r = RelayExtractor.extract(text, "fuzz.log");
        if (r.relays().size() > RelayExtractor.MAX_RELAYS || r.problems().size() > 5) {
            throw new IllegalStateException(r.relays().size() + " relays, " + r.problems().size() + " problems");
        }
        for (RelayTarget t : r.relays()) {
            if (!RelayExtractor.plausibleHost(t.host()) || t.udpPort() < 0 || t.udpPort() > 65535 || t.tcpPort() < 0
                    || t.tcpPort() > 65535) {
                throw new IllegalStateException("bad relay " + t);
            }
        }
    }
}
