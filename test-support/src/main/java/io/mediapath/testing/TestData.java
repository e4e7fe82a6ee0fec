package io.mediapath.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The one way tests find their data: classpath resources the repository holds, and, for the opt-in interop suite
 * only, the directory named by the system property {@value #INTEROP_DIR_PROPERTY}.
 *
 * <p>Resource names are absolute classpath names ({@code io/mediapath/turn/stun/rfc5769-2.1.hex}; a leading
 * {@code /} is allowed). The samples we wrote for every module live under {@code samples/} in this module
 * ({@link #sample(String)}). A missing resource fails loudly with its name; nothing walks the file system looking
 * for files beside the repository.
 */
public final class TestData {

    /** The system property naming the third-party corpus directory the interop suite reads. */
    public static final String INTEROP_DIR_PROPERTY = "mediapath.interop.dir";

    private static final String SAMPLES = "io/mediapath/testing/samples/";
    private static final String VECTORS = "io/mediapath/testing/vectors/";

    private TestData() {
    }

    /** A resource as UTF-8 text, byte for byte (line endings kept). */
    public static String read(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /** A resource's bytes. */
    public static byte[] bytes(String resource) {
        try (InputStream in = url(resource).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test resource " + name(resource), e);
        }
    }

    /**
     * A hex vector: lines starting with {@code #} are comments (where the bytes come from), whitespace between
     * digits is ignored.
     */
    public static byte[] hex(String resource) {
        StringBuilder digits = new StringBuilder();
        read(resource).lines().filter(l -> !l.stripLeading().startsWith("#"))
                .forEach(l -> digits.append(l.replaceAll("\\s+", "")));
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("test resource " + name(resource) + " is not hex: " + e.getMessage(), e);
        }
    }

    /**
     * A resource as a file, for code that takes a path: the file itself when the resource is a directory entry,
     * otherwise (inside a jar) a copy in a temporary file with the same file name, deleted on exit.
     */
    public static Path path(String resource) {
        URL url = url(resource);
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("test resource " + name(resource) + " has no file path: " + url, e);
            }
        }
        String n = name(resource);
        String fileName = n.substring(n.lastIndexOf('/') + 1);
        try (InputStream in = url.openStream()) {
            Path dir = Files.createTempDirectory("mediapath-testdata");
            Path file = dir.resolve(fileName);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy test resource " + n + " to a temporary file", e);
        }
    }

    /** One of the samples we wrote, {@code io/mediapath/testing/samples/<relative>} (e.g. {@code sdp/chrome-plan-b-offer.sdp}). */
    public static String sample(String relative) {
        return read(SAMPLES + relative);
    }

    /**
     * One of the byte vectors several modules share, {@code io/mediapath/testing/vectors/<name>} (the pseudo-TLS
     * hellos), decoded as by {@link #hex(String)}. Each file says in its comment where the bytes come from.
     */
    public static byte[] vector(String name) {
        return hex(VECTORS + name);
    }

    /**
     * The names of the samples directly under {@code io/mediapath/testing/samples/<dir>}, sorted, as relative names
     * for {@link #sample(String)} (e.g. {@code sdp/ice-lite-answer.sdp}); read from the directory or the jar.
     */
    public static List<String> samples(String dir) {
        String prefix = SAMPLES + (dir.endsWith("/") ? dir : dir + "/");
        URL url = url(prefix);
        List<String> names = new ArrayList<>();
        try {
            if ("file".equals(url.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
                }
            } else if (url.openConnection() instanceof JarURLConnection jar) {
                try (JarFile file = new JarFile(Path.of(jar.getJarFileURL().toURI()).toFile())) {
                    file.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(prefix) && !n.endsWith("/") && n.indexOf('/', prefix.length()) < 0)
                            .forEach(n -> names.add(n.substring(prefix.length())));
                }
            } else {
                throw new IllegalStateException("cannot list test resources at " + url);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list test resources " + prefix, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list test resources at " + url, e);
        }
        String rel = prefix.substring(SAMPLES.length());
        return names.stream().sorted().map(n -> rel + n).toList();
    }

    /** The resource name of a sample, for {@link #path(String)} or {@link #bytes(String)}. */
    public static String sampleResource(String relative) {
        return SAMPLES + relative;
    }

    /**
     * A directory under the third-party corpus given to the interop suite with
     * {@code -D}{@value #INTEROP_DIR_PROPERTY}{@code =DIR}; fails loudly, naming the property, when it is unset or
     * the directory is absent. Only {@code *InteropIT} classes call this.
     */
    public static Path interopDir(String sub) {
        String dir = System.getProperty(INTEROP_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property " + INTEROP_DIR_PROPERTY + " is not set: the interop"
                    + " suite runs with ./mvnw verify -Pinterop -D" + INTEROP_DIR_PROPERTY + "=DIR");
        }
        Path p = Path.of(dir).resolve(sub).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(INTEROP_DIR_PROPERTY + "=" + dir + " has no directory " + sub
                    + " (looked for " + p + ")");
        }
        return p;
    }

    private static String name(String resource) {
        return resource.startsWith("/") ? resource.substring(1) : resource;
    }

    private static URL url(String resource) {
        String n = name(resource);
        URL url = null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            url = context.getResource(n);
        }
        if (url == null) {
            url = TestData.class.getClassLoader().getResource(n);
        }
        if (url == null) {
            throw new IllegalStateException("test resource " + n + " is not on the test classpath");
        }
        return url;
    }
}
