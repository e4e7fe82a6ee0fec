package io.mediapath.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StunUriTest {

    @Test
    void parsesRfc7064And7065Uris() {
        assertThat(StunUri.parse("stun:stun.example.org")).isEqualTo(
                new StunUri("stun", "stun.example.org", 3478, StunTransport.UDP));
        assertThat(StunUri.parse("stuns:stun.example.org")).isEqualTo(
                new StunUri("stuns", "stun.example.org", 5349, StunTransport.TLS));
        assertThat(StunUri.parse("turn:10.0.0.1:443?transport=tcp")).isEqualTo(
                new StunUri("turn", "10.0.0.1", 443, StunTransport.TCP));
        assertThat(StunUri.parse("TURNS:[2001:db8::1]:443?transport=tcp")).isEqualTo(
                new StunUri("turns", "2001:db8::1", 443, StunTransport.TLS));
        assertThat(StunUri.parse("turn:h?transport=udp").transport()).isEqualTo(StunTransport.UDP);
        assertThat(StunUri.parse("turn:h:3478?transport=tcp")).hasToString("turn:h:3478?transport=tcp");
    }

    @Test
    void rejectsWhatIsNotSuchAUri() {
        for (String bad : new String[] {"http://x", "turn://x", "turn:", "turn:x:0", "turn:x:99999",
                "turn:x?transport=sctp", "turns:x?transport=udp", "stun:x?transport=tcp", "turn:2001:db8::1"}) {
            assertThatThrownBy(() -> StunUri.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void restApiCredentialsFollowTheCoturnFormula() {
        TurnCredentials c = TurnCredentials.restApi("northsecret", "alice", Instant.ofEpochSecond(1_700_000_000),
                Duration.ofHours(1));
        assertThat(c.username()).isEqualTo("1700003600:alice");
        // base64(HMAC-SHA1("northsecret", "1700003600:alice")), computed independently with openssl
        assertThat(c.password()).isEqualTo("aDhOAmOh1uLN7Yjy0YYrI/uuvqU=");
        assertThat(c.toString()).doesNotContain(c.password());
        assertThat(StunTimers.RFC8489.udpTimeout()).isEqualTo(Duration.ofMillis(39_500));
        assertThat(StunTimers.FAST.udpTimeout()).isEqualTo(Duration.ofMillis(2_750));
    }
}
