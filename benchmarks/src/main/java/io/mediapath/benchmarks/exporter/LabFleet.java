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
 * serves until its stdin closes. Run by {@code scripts/bench.sh scan|scan-stream|exporter}.
 *
 * <p>Arguments: {@code targets listFile lines [mixed]}; {@code mixed} makes a list as people write them: of every 20
 * lines 2 are comments, 1 is blank (or whitespace), 4 name a closed port on another loopback alias (refused at once)
 * and 13 a lab Edge.
 */
public final class LabFleet {

    private LabFleet() {
    }

    /** Starts the fleet, writes the list, waits for stdin to close. */
    public static void main(String[] args) throws Exception {
        int targets = Integer.parseInt(args[0]);
        Path list = Path.of(args[1]);
        long lines = Long.parseLong(args[2]);
        boolean mixed = args.length > 3 && args[3].equals("mixed");
        EmulatedEdge.Builder b = EmulatedEdge.builder().helloDeadline(Duration.ofSeconds(10));
        for (int i = 0; i < targets; i++) {
            b.bind("127.0." + (1 + i / 250) + "." + (1 + i % 250), 0);
        }
        try (EmulatedEdge edge = b.start()) {
            List<TransportAddress> fleet = edge.addresses();
            try (BufferedWriter w = Files.newBufferedWriter(list, StandardCharsets.UTF_8)) {
                w.write("# " + fleet.size() + " lab Edges on loopback aliases, " + lines + " lines"
                        + (mixed ? " (mixed)" : "") + "\n");
                for (long n = 0; n < lines; n++) {
                    if (mixed) {
                        // Of every 20 lines: 2 comments, 1 blank, 4 closed ports (refused at once), 13 lab Edges.
                        int k = (int) (n % 20);
                        if (k == 0 || k == 10) {
                            w.write("# site " + n / 20 + (k == 0 ? "" : " — second half") + "\n");
                            continue;
                        }
                        if (k == 5) {
                            w.write(n % 40 == 5 ? "\n" : "   \t\n");
                            continue;
                        }
                        if (k == 3 || k == 8 || k == 13 || k == 18) {
                            w.write("127.0.9." + (1 + n % 250) + ":1\n");
                            continue;
                        }
                    }
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
