package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediapathCliTest {

    @Test
    void unknownOptionIsUsageError() {
        assertThat(MediapathCli.execute("--no-such-option")).isEqualTo(MediapathCli.USAGE);
    }

    @Test
    void missingSubcommandIsUsageError() {
        assertThat(MediapathCli.execute()).isEqualTo(MediapathCli.USAGE);
    }

    @Test
    void helpIsSuccess() {
        assertThat(MediapathCli.execute("--help")).isEqualTo(MediapathCli.OK);
    }
}
