package io.mediapath.diagnose.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mediapath tls}: placeholder until its issue lands; exits 2. */
@Command(name = "tls", description = "(not yet available)")
final class TlsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mediapath tls: not yet available");
        return MediapathCli.USAGE;
    }
}
