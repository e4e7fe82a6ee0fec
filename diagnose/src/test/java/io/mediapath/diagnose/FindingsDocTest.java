package io.mediapath.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediapath.ice.FindingCode;
import io.mediapath.ice.FindingCodes;
import io.mediapath.tls.TlsFindingCodes;
import io.mediapath.turn.TurnFindingCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/findings.md} lists exactly the codes the code can emit: each module's section names every entry of that
 * module's catalogue and nothing else, and no product code makes a finding outside a catalogue. Reads only files of
 * the repository.
 */
class FindingsDocTest {
    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z0-9_]*)(<[^`]*>)?`");

    @Test
    void eachSectionListsExactlyItsCatalogue() throws IOException {
        String doc = Files.readString(root().resolve("docs/findings.md"));
        check(doc, "## ice-core", FindingCodes.all());
        check(doc, "## turn-client", TurnFindingCodes.all());
        check(doc, "## tls-inspect", TlsFindingCodes.all());
        check(doc, "## diagnose", DiagnoseFindingCodes.all());
    }

    @Test
    void findingsAreMadeOnlyFromCatalogueEntries() throws IOException {
        // Finding.builder(...) with a code of its own would bypass the catalogue and the document.
        List<String> offenders = new ArrayList<>();
        // Only the modules' own sources: target/ and .git change under a running build.
        try (Stream<Path> files = Files.list(root()).filter(m -> Files.isDirectory(m.resolve("src/main/java")))
                .flatMap(FindingsDocTest::sources)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("io/mediapath/ice/Finding.java") && !p.endsWith("io/mediapath/ice/FindingCode.java"))
                    .forEach(p -> {
                        try {
                            String s = Files.readString(p);
                            if (s.contains("Finding.builder(") || s.contains("new Finding(")) {
                                offenders.add(root().relativize(p).toString());
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
        assertThat(offenders).as("product code making findings outside a catalogue").isEmpty();
    }

    @Test
    void familyMembersAreBuiltFromTheFamily() {
        FindingCode icewarn = FindingCodes.ICEWARN;
        assertThat(icewarn.family()).isTrue();
        assertThat(icewarn.covers("ICEWARN_PSEUDO_TLS_FAILURE")).isTrue();
        assertThat(icewarn.covers("ICEWARN_")).isFalse();
        assertThat(icewarn.builder("UNKNOWN_BIT", icewarn.severity()).summary("s").build().code())
                .isEqualTo("ICEWARN_UNKNOWN_BIT");
    }

    private static void check(String doc, String heading, List<FindingCode> catalogue) {
        Set<String> exact = new TreeSet<>();
        Set<String> patterns = new TreeSet<>();
        for (String row : section(doc, heading)) {
            String first = row.substring(1, row.indexOf('|', 1));
            Matcher m = CODE.matcher(first);
            while (m.find()) {
                (m.group(2) != null ? patterns : exact).add(m.group(1));
            }
        }
        Set<String> families = new TreeSet<>();
        Set<String> codes = new TreeSet<>();
        for (FindingCode c : catalogue) {
            (c.family() ? families : codes).add(c.code());
        }
        assertThat(patterns).as(heading + ": documented patterns (PREFIX_<…>) vs the catalogue's families")
                .isEqualTo(families);
        Set<String> documented = new TreeSet<>(exact);
        documented.removeIf(code -> catalogue.stream().anyMatch(c -> c.family() && c.covers(code)));
        assertThat(documented).as(heading + ": documented codes vs the catalogue").isEqualTo(codes);
    }

    private static Stream<Path> sources(Path module) {
        try {
            return Files.walk(module.resolve("src/main/java")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The table rows of one section. */
    private static List<String> section(String doc, String heading) {
        int start = doc.indexOf("\n" + heading);
        assertThat(start).as("section " + heading).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        String body = doc.substring(start, end < 0 ? doc.length() : end);
        Set<String> rows = new LinkedHashSet<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("| `")) {
                rows.add(line);
            }
        }
        return List.copyOf(rows);
    }

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root (with mvnw and docs/) not found above " + Path.of("").toAbsolutePath());
    }
}
