package io.mediapath.benchmarks.exporter;

import io.mediapath.ice.TransportAddress;
import io.mediapath.lab.edge.EmulatedEdge;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The scan and exporter benchmarks' targets: one in-process lab {@link EmulatedEdge} (genuine MS-TURN pseudo-TLS
 * answer) on {@code N} loopback aliases (127.0.1.1 …; Linux routes all of 127/8 to lo), and a target list of
 * {@code lines} lines cycling over them ({@code HOST:PORT} per line, written streamed). Prints {@code ready} and
 * serves until its stdin closes. Run by {@code scripts/bench.sh scan|exporter}.
 *
 * <p>Arguments: {@code targets listFile lines}.
 */
public final class LabFleet {

    private LabFleet() {
    }

    /** Starts the fleet, writes the list, waits for stdin to close. */
    public static void main(String[] args) throws Exception {
        int targets = Integer.parseInt(args[0]);
        Path list = Path.of(args[1]);
        long lines = Long.parseLong(args[2]);
        EmulatedEdge.Builder b = EmulatedEdge.builder().helloDeadline(Duration.ofSeconds(10));
        for (int i = 0; i < targets; i++) {
            b.bind("127.0." + (1 + i / 250) + "." + (1 + i % 250), 0);
        }
        try (EmulatedEdge edge = b.start()) {
            List<TransportAddress> fleet = edge.addresses();
            try (BufferedWriter w = Files.newBufferedWriter(list, StandardCharsets.UTF_8)) {
                w.write("# " + fleet.size() + " lab Edges on loopback aliases, " + lines + " lines\n");
                for (long n = 0; n < lines; n++) {
                    w.write(fleet.get((int) (n % fleet.size())).toString());
                    w.write('\n');
                }
            }
            System.out.println("ready " + fleet.size() + " targets, " + lines + " lines in " + list);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the bench script closes our stdin
            }
        }
    }
}
