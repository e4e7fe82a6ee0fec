package io.mediapath.tls.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

class TlsRecordParserFuzzTest {

    /** Arbitrary bytes, split into arbitrary reads: the parser never throws and stays within its bounds. */
    @FuzzTest
    void fuzz(FuzzedDataProvider data) {
        TlsFlightParser p = new TlsFlightParser();
        while (data.remainingBytes() > 0) {
            int n = data.consumeInt(0, 300);
            p.feed(data.consumeBytes(n));
        }
        assertThat(p.totalBytes()).isGreaterThanOrEqualTo(0);
        assertThat(p.records().size()).isLessThanOrEqualTo(TlsFlightParser.MAX_RECORDS);
        p.records().forEach(r -> assertThat(r.lastRead()).isGreaterThanOrEqualTo(r.firstRead()));
        p.messages().forEach(m -> assertThat(m.lastRecord()).isGreaterThanOrEqualTo(m.firstRecord()));
    }
}
