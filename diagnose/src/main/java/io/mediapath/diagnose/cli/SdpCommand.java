package io.mediapath.diagnose.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mediapath sdp}: placeholder until its issue lands; exits 2. */
@Command(name = "sdp", description = "(not yet available)")
final class SdpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("mediapath sdp: not yet available");
        return MediapathCli.USAGE;
    }
}
