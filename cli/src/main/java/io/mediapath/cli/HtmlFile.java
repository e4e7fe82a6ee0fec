package io.mediapath.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --html FILE} option of every command: the path is checked before any work (exit 2 means no report was
 * made, so a run never prints its report and then fails to write the page), and the page written after it.
 */
final class HtmlFile {

    private HtmlFile() {
    }

    /** False (with the reason on stderr) when {@code file} cannot be written; true when it is absent or writable. */
    static boolean usable(String command, Path file, PrintWriter err) {
        if (file == null) {
            return true;
        }
        String why = AnalyzeCommand.unwritable(file);
        if (why != null) {
            err.println("mediapath " + command + ": --html " + file + ": " + why);
            err.flush();
            return false;
        }
        return true;
    }

    /** Writes the page; false (with the reason on stderr) when it could not be written. */
    static boolean write(String command, Path file, String html, PrintWriter err) {
        try {
            Files.writeString(file, html, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("mediapath " + command + ": cannot write " + file + ": " + e.getMessage());
            err.flush();
            return false;
        }
    }
}
