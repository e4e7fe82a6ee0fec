package io.mediapath.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The samples bundled under {@code samples/} in the CLI jar (listed in {@code samples/index.txt}). */
final class Samples {

    /** Input prefix that names a bundled resource. */
    static final String CLASSPATH_PREFIX = "classpath:";

    private Samples() {
    }

    /** "name<TAB>description" lines. */
    static List<String> list() {
        List<String> out = new ArrayList<>();
        for (String line : index().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.replace('\t', ' '));
            }
        }
        return out;
    }

    /** The resource path of the sample whose name starts with {@code prefix} (exactly one must). */
    static String resolve(String prefix) {
        List<String> hits = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String line : index().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String name = line.split("\t", 2)[0].strip();
            names.add(name);
            if (name.equals(prefix)) {
                return "samples/" + name;
            }
            if (name.startsWith(prefix)) {
                hits.add(name);
            }
        }
        if (hits.size() != 1) {
            throw new IllegalArgumentException((hits.isEmpty() ? "no bundled sample named " : "ambiguous sample name ")
                    + prefix + " (samples: " + String.join(", ", names) + ")");
        }
        return "samples/" + hits.get(0);
    }

    static String read(String resource) throws IOException {
        String r = resource.startsWith("/") ? resource.substring(1) : resource;
        if (!r.startsWith("samples/") || r.contains("..")) {
            throw new IOException(CLASSPATH_PREFIX + resource + ": only classpath:samples/NAME is readable");
        }
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(r)) {
            if (in == null) {
                throw new IOException(CLASSPATH_PREFIX + resource + ": no such bundled sample");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String index() {
        try {
            return read("samples/index.txt");
        } catch (IOException e) {
            throw new IllegalStateException("samples/index.txt missing from the jar", e);
        }
    }
}
