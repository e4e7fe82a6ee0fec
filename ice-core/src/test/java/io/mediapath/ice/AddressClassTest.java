package io.mediapath.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "172.32.0.1, PUBLIC",
        "192.168.56.1, PRIVATE", "192.169.0.1, PUBLIC", "100.64.0.1, CGNAT", "100.127.255.254, CGNAT",
        "100.128.0.1, PUBLIC", "169.254.3.4, LINK_LOCAL", "127.0.0.1, LOOPBACK", "0.0.0.0, UNSPECIFIED",
        "198.51.100.7, PUBLIC", "194.176.96.67, PUBLIC", "256.1.1.1, INVALID", "1.2.3, INVALID",
        "::1, LOOPBACK", "fe80::1, LINK_LOCAL", "fe80::1%eth0, LINK_LOCAL", "fd00:1::5, ULA", "fc00::1, ULA",
        "2001:0:5ef5:79fd:34b2:244d:fa66:7cf9, PUBLIC", "2001:db8::1, PUBLIC", "::, UNSPECIFIED",
        "::ffff:10.1.2.3, PRIVATE", "[2001:db8::2], PUBLIC", "1:2:3::4::5, INVALID",
        "8c1d3e7a-1f0b-4b1e-9d7b-2f1c0a9e6b11.local, MDNS", "edge.example.com, FQDN", "bad host!, INVALID",
        "'', INVALID"
    })
    void classifies(String address, AddressClass expected) {
        assertThat(AddressClass.of(address)).isEqualTo(expected);
    }
}
