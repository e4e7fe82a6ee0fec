package io.mediapath.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HttpProxyTest {

    @Test
    void parsesHostPortAndBracketedIpv6() {
        assertThat(HttpProxy.parse("proxy.corp:3128").authority()).isEqualTo("proxy.corp:3128");
        HttpProxy v6 = HttpProxy.parse("[::1]:8080");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.authority()).isEqualTo("[::1]:8080");
        assertThatThrownBy(() -> HttpProxy.parse("proxy")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpProxy.parse("proxy:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpProxy.parse("proxy:http")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpProxy.parse("::1:80")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpProxy.parse("user@proxy:80")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void basicAuthIsTheRfc7617ValueAndNeverShown() {
        HttpProxy p = HttpProxy.of("127.0.0.1", 3128).withBasicAuth("carol", "s3cret-pw");
        String value = p.authorization().orElseThrow();
        assertThat(value).startsWith("Basic ");
        assertThat(new String(Base64.getDecoder().decode(value.substring(6)), StandardCharsets.UTF_8))
                .isEqualTo("carol:s3cret-pw");
        assertThat(p.toString()).contains("carol").doesNotContain("s3cret-pw").doesNotContain(value.substring(6));
        assertThat(HttpProxy.of("127.0.0.1", 3128).authorization()).isEmpty();
    }

    @Test
    void headerInjectionIsRefused() {
        HttpProxy p = HttpProxy.of("127.0.0.1", 3128);
        assertThatThrownBy(() -> p.withBasicAuth("a:b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.withBasicAuth("a", "x\r\nHost: evil")).isInstanceOf(IllegalArgumentException.class);
    }
}
