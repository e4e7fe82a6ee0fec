package io.mediapath.diagnose.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mediapath turn}: placeholder until its issue lands; exits 2. */
@Command(name = "turn", description = "(not yet available)")
final class TurnCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mediapath turn: not yet available");
        return MediapathCli.USAGE;
    }
}
