package io.mediapath.sdp.msdiag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void mediaEndpointsInEveryFormSeen() {
        assertThat(MediaEndpoint.parse("192.0.2.1:50034")).contains(new MediaEndpoint("192.0.2.1", 50034));
        assertThat(MediaEndpoint.parse("192.0.2.1::58503")).contains(new MediaEndpoint("192.0.2.1", 58503));
        assertThat(MediaEndpoint.parse("[2001:db8::5]:3478")).contains(new MediaEndpoint("2001:db8::5", 3478));
        assertThat(MediaEndpoint.parse("2001:db8::5:3478")).contains(new MediaEndpoint("2001:db8::5", 3478));
        assertThat(MediaEndpoint.parse("edge.example.com:443")).contains(new MediaEndpoint("edge.example.com", 443));
        assertThat(MediaEndpoint.parse("\"192.0.2.1:1\"")).contains(new MediaEndpoint("192.0.2.1", 1));
        assertThat(MediaEndpoint.parse("")).isEmpty();
        assertThat(MediaEndpoint.parse("192.0.2.1")).isEmpty();
        assertThat(MediaEndpoint.parse("192.0.2.1:65536")).isEmpty();
        assertThat(MediaEndpoint.parse("[::1]")).isEmpty();
        assertThat(new MediaEndpoint("2001:db8::5", 3478)).hasToString("[2001:db8::5]:3478");
    }

    @Test
    void portRangesLocationsAndFederation() {
        assertThat(PortRange.parse("50020:50039")).hasValueSatisfying(r -> assertThat(r.size()).isEqualTo(20));
        assertThat(PortRange.parse("50039:50020")).isEmpty();
        assertThat(PortRange.parse(":5")).isEmpty();
        assertThat(Location.parse("2")).contains(Location.INTRANET);
        assertThat(Location.parse("Internet")).contains(Location.INTERNET);
        assertThat(Location.parse("7")).isEmpty();
        assertThat(FederationType.parse("2")).contains(FederationType.PUBLIC_CLOUD);
    }

    @Test
    void diagnosticCodeTable() {
        assertThat(DiagnosticCode.lookup(23)).hasValueSatisfying(c -> {
            assertThat(c.reason()).contains("one endpoint is internal and the other is remote");
            assertThat(c.likelyCause()).contains("TLS inspection");
            assertThat(c.remedy()).contains("by IP address");
        });
        assertThat(DiagnosticCode.lookup(51004)).hasValueSatisfying(c -> assertThat(c.failure()).isFalse());
        assertThat(DiagnosticCode.known()).extracting(DiagnosticCode::code)
                .contains(22, 23, 24, 25, 51004, 51007, 21002);
        assertThat(DiagnosticCode.lookup(4242)).isEmpty();
        assertThat(DiagnosticCode.component(9001)).contains("MRAS");
        assertThat(DiagnosticCode.component(1008)).isEqualTo("SIP stack");
        assertThat(DiagnosticCode.component(24012)).isEqualTo("unlisted range");
    }
}
