package io.mediapath.diagnose.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mediapath analyze}: placeholder until its issue lands; exits 2. */
@Command(name = "analyze", description = "(not yet available)")
final class AnalyzeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mediapath analyze: not yet available");
        return MediapathCli.USAGE;
    }
}
