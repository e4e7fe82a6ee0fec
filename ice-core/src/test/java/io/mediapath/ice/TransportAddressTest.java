package io.mediapath.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportAddressTest {
    @Test
    void ipLiteralsAreToldFromNames() {
        assertThat(TransportAddress.parse("192.0.2.10:443", 0).isIpLiteral()).isTrue();
        assertThat(TransportAddress.parse("[2001:db8::1]:3478", 0).isIpLiteral()).isTrue();
        assertThat(TransportAddress.parse("[2001:db8::1]:3478", 0).isIpv6Literal()).isTrue();
        assertThat(TransportAddress.parse("edge.example.com:443", 0).isIpLiteral()).isFalse();
        assertThat(TransportAddress.parse("10.example:443", 0).isIpLiteral()).isFalse();
        assertThat(TransportAddress.isIpLiteral("[::1]")).isTrue();
        assertThat(TransportAddress.isIpLiteral("")).isFalse();
    }

    /** Issue 11 item 15: targets typed on a command line are checked here, once, before any lookup. */
    @org.junit.jupiter.api.Test
    void parseTargetRefusesUrlsExtraColonsBadIpv4AndPortZero() {
        org.assertj.core.api.Assertions.assertThat(TransportAddress.parseTarget("relay.example.com", 443))
                .isEqualTo(new TransportAddress("relay.example.com", 443));
        org.assertj.core.api.Assertions.assertThat(TransportAddress.parseTarget("[2001:db8::1]:3478", 443).port())
                .isEqualTo(3478);
        org.assertj.core.api.Assertions.assertThat(TransportAddress.parseTarget("2001:db8::1", 443).host())
                .isEqualTo("2001:db8::1");
        org.assertj.core.api.Assertions.assertThat(TransportAddress.parseTarget("10.0.0.1:443", 1).port()).isEqualTo(443);
        for (String bad : new String[] {"http://host:8080", "host:443:1", "999.1.1.1", "1.2.3", "1.2.3.4.5",
                "host:0", "ho st", "-", "a..b", "dead:beef:zz"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TransportAddress.parseTarget(bad, 443))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
