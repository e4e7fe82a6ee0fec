package io.mediapath.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The ways a secret (a TURN password, a TURN REST shared secret) comes in, safest first: a prompt on the terminal,
 * a file ({@code --password-file}), an environment variable ({@code --password-env}), stdin ({@code --password -}),
 * and, last, the command line itself, where every user of the machine sees it in {@code ps}. An empty secret is never
 * used silently: a missing value is an error that names the other ways. Error messages never hold the secret.
 */
final class SecretInput {

    /** The value picocli gives an option written without one ({@code --password} at the end of the line). */
    static final String PROMPT = "\u0000prompt";

    /** A secret is one line; anything longer is not one, and reading stops there. */
    private static final int MAX_BYTES = 64 * 1024;

    private SecretInput() {
    }

    /**
     * The secret from whichever of the ways was given; null when none was.
     *
     * @param option  the option's name, for messages ({@code --password})
     * @param value   the option's value: null, {@link #PROMPT}, {@code -} for stdin, or the secret itself
     * @param file    {@code --…-file}, or null
     * @param envVar  {@code --…-env}, or null
     * @param env     reads the environment
     * @param console the terminal to prompt on; null when there is none
     * @param stdin   where {@code -} reads from
     * @param prompt  what the prompt says
     * @throws IllegalArgumentException with a message that never holds the secret
     */
    static String resolve(String option, String value, Path file, String envVar, Function<String, String> env,
            Console console, InputStream stdin, String prompt) {
        int given = (value != null ? 1 : 0) + (file != null ? 1 : 0) + (envVar != null ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException(option + ", " + option + "-file and " + option
                    + "-env exclude each other");
        }
        String secret;
        if (file != null) {
            secret = firstLine(file, option + "-file " + file);
        } else if (envVar != null) {
            secret = env.apply(envVar);
            if (secret == null) {
                throw new IllegalArgumentException(option + "-env " + envVar + ": the variable is not set");
            }
        } else if (value == null) {
            return null;
        } else if (value.equals(PROMPT)) {
            if (console == null) {
                throw new IllegalArgumentException(option + " has no value and there is no terminal to ask on; give "
                        + option + "-file FILE, " + option + "-env VAR or " + option + " - (one line on stdin)");
            }
            char[] typed = console.readPassword("%s", prompt);
            secret = typed == null ? "" : new String(typed);
        } else if (value.equals("-")) {
            secret = firstLine(stdin, option + " - (stdin)");
        } else {
            secret = value;
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException(option + ": empty; an empty secret is never sent");
        }
        return secret;
    }

    private static String firstLine(Path file, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            return firstLine(in, what);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static String firstLine(InputStream in, String what) {
        byte[] b;
        try {
            b = in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read (" + e.getMessage() + ")");
        }
        String s = new String(b, StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        int nl = s.indexOf('\n');
        if (nl >= 0) {
            s = s.substring(0, nl);
        } else if (b.length == MAX_BYTES) {
            throw new IllegalArgumentException(what + ": no line end in the first " + MAX_BYTES + " bytes: not a "
                    + "password");
        }
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
