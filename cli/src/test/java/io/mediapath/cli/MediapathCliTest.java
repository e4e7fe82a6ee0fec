package io.mediapath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    /**
     * picocli formats every help text with {@code String.format}: a lone {@code %} (as in "loss >= 1 %") makes it
     * print "[picocli WARN] Could not format …" on standard error at every {@code --help}, once per such text. Every
     * command's usage is rendered here, and picocli's warnings (which go to {@code System.err}) are caught.
     */
    @Test
    void everyHelpTextFormatsWithoutPicocliWarnings() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        List<String> usages = new ArrayList<>();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            walk(new CommandLine(new MediapathCli()), usages);
        } finally {
            System.setErr(original);
        }
        assertThat(usages).hasSizeGreaterThan(10);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void walk(CommandLine cl, List<String> usages) {
        usages.add(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        cl.getSubcommands().values().forEach(sub -> walk(sub, usages));
    }
}
