package io.mediapath.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TestDataTest {

    @Test
    void hexSkipsCommentsAndWhitespace() {
        assertThat(TestData.hex("io/mediapath/testing/example.hex")).containsExactly(0x00, 0x01, 0x02, 0xff);
        assertThat(TestData.hex("/io/mediapath/testing/example.hex")).hasSize(4);
    }

    @Test
    void readsTextBytesAndPathsAlike() throws Exception {
        String text = TestData.read("io/mediapath/testing/example.hex");
        assertThat(text).startsWith("# a comment line");
        assertThat(Files.readString(TestData.path("io/mediapath/testing/example.hex"))).isEqualTo(text);
        assertThat(TestData.bytes("io/mediapath/testing/example.hex")).hasSize(text.length());
    }

    @Test
    void samplesAreOnTheClasspath() {
        assertThat(TestData.sample("sdp/rfc8866-style-session.sdp")).startsWith("v=0\r\n");
        assertThat(TestData.samples("sdp")).contains("sdp/rfc8866-style-session.sdp", "sdp/ice-lite-answer.sdp")
                .allSatisfy(n -> assertThat(n.substring("sdp/".length())).doesNotContain("/"));
    }

    @Test
    void aMissingResourceIsNamed() {
        assertThatThrownBy(() -> TestData.read("io/mediapath/testing/absent.txt"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("io/mediapath/testing/absent.txt");
    }

    @Test
    void theInteropDirectoryNamesItsPropertyWhenUnset() {
        String saved = System.getProperty(TestData.INTEROP_DIR_PROPERTY);
        System.clearProperty(TestData.INTEROP_DIR_PROPERTY);
        try {
            assertThatThrownBy(() -> TestData.interopDir("corpus/sdp"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("mediapath.interop.dir");
            System.setProperty(TestData.INTEROP_DIR_PROPERTY, "/nonexistent-mediapath-interop");
            assertThatThrownBy(() -> TestData.interopDir("corpus/sdp"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("corpus/sdp");
        } finally {
            if (saved == null) {
                System.clearProperty(TestData.INTEROP_DIR_PROPERTY);
            } else {
                System.setProperty(TestData.INTEROP_DIR_PROPERTY, saved);
            }
        }
    }
}
