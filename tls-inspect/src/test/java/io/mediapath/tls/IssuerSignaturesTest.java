package io.mediapath.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IssuerSignaturesTest {

    @Test
    void builtInTableLoads() {
        assertThat(IssuerSignatures.builtIn().signatures()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.attribute()).isIn("CN", "O", "OU"));
    }

    @Test
    void readsEntriesSkippingUnknownFields() {
        IssuerSignatures s = IssuerSignatures.parse("{\"version\": 2, \"notes\": {\"a\": [1, 2]}, \"signatures\": ["
                + "{\"product\": \"Corp proxy\", \"attribute\": \"CN\", \"pattern\": \"Corp Inspection CA.*\","
                + " \"confidence\": \"high\", \"category\": \"ngfw\", \"extra\": [true, null]},"
                + "{\"product\": \"Other\", \"attribute\": \"O\", \"pattern\": \"Other\\\\u0020Inc\"}]}");
        assertThat(s.signatures()).hasSize(2);
        assertThat(s.signatures().get(0).confidence()).isEqualTo(Confidence.HIGH);
        assertThat(s.signatures().get(0).category()).isEqualTo("ngfw");
        assertThat(s.signatures().get(1).confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(s.signatures().get(1).pattern().matcher("Other Inc").matches()).isTrue();
    }

    @Test
    void badInputIsATypedError() {
        for (String bad : new String[] {"", "[]", "{}", "{\"signatures\": 3}", "{\"signatures\": [1]}",
                "{\"signatures\": [{\"product\": \"p\", \"attribute\": \"C\", \"pattern\": \"x\"}]}",
                "{\"signatures\": [{\"product\": \"p\", \"attribute\": \"CN\", \"pattern\": \"(\"}]}",
                "{\"signatures\": [{\"attribute\": \"CN\", \"pattern\": \"x\"}]}",
                "{\"signatures\": []} trailing", "{\"signatures\": [", "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}"}) {
            assertThatThrownBy(() -> IssuerSignatures.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("issuer signatures");
        }
    }
}
