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
}
