package io.mediapath.cli;

import io.mediapath.diagnose.report.PcapExport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code --pcap FILE} of the probe commands: the probe's own socket traffic, reconstructed as pcapng. */
final class PcapFile {
    private PcapFile() {
    }

    /** Null when {@code file} can be written, else why not (checked before any probe runs). */
    static String unwritable(Path file) {
        return AnalyzeCommand.unwritable(file);
    }

    /** Writes the payloads; on failure says so on {@code err} and returns false (the probe's verdict still stands). */
    static boolean write(Path file, List<PcapExport.Payload> payloads, String command, PrintWriter err) {
        try (OutputStream out = Files.newOutputStream(file)) {
            PcapExport.write(out, payloads, "mediapath " + command + " (" + MediapathCli.Version.line() + ")");
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("mediapath " + command + ": cannot write " + file + ": " + e.getMessage());
            err.flush();
            return false;
        }
    }
}
