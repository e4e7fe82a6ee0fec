package io.mediapath.lab.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the programs the lab starts, and fails loudly (never skips) when one is missing. */
public final class Binaries {

    private Binaries() {
    }

    /**
     * Finds {@code program} on the PATH or in /usr/sbin, /usr/bin, /sbin, /usr/lib/squid.
     *
     * @param program the executable name, e.g. {@code sslsplit}, or an absolute path
     * @param aptPackage the Debian package that provides it, e.g. {@code squid-openssl}
     * @throws PeerUnavailableException naming {@code apt-get install -y <aptPackage>} when it is missing
     */
    public static Path require(String program, String aptPackage) {
        List<Path> candidates = new ArrayList<>();
        if (program.startsWith("/")) {
            candidates.add(Path.of(program));
        } else {
            String path = System.getenv().getOrDefault("PATH", "");
            for (String dir : path.split(":")) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, program));
                }
            }
            for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/lib/squid")) {
                candidates.add(Path.of(dir, program));
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new PeerUnavailableException(program + " is not installed; install it with: apt-get install -y "
                + aptPackage + "   (scripts/test.sh installs every peer the tests use)");
    }
}
