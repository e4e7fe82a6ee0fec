package io.mediapath.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The token shared by {@code mediapath responder} and {@code mediapath edge --responder}, as a picocli mixin:
 * {@code --token} (alone: a prompt; {@code -}: one line on stdin), {@code --token-file}, {@code --token-env}. One
 * declaration, so both ends of a receipt offer the same ways and words.
 */
final class TokenOptions {

    @Option(names = "--token", arity = "0..1", fallbackValue = SecretInput.PROMPT, paramLabel = "TOKEN|-",
            description = "the token shared by the responder and edge --responder. Alone, asks on the terminal; - "
                    + "reads one line from stdin. Prefer --token-file or --token-env: a token written here shows in ps")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "read the token from the first line of FILE")
    Path tokenFile;

    @Option(names = "--token-env", paramLabel = "VAR", description = "read the token from the environment variable VAR")
    String tokenEnv;

    /**
     * The token from whichever of the three ways was given, or null when none was.
     *
     * @throws IllegalArgumentException when more than one way was given or the file, variable or prompt gave
     *                                  nothing; the message never holds the token
     */
    String resolve() {
        return SecretInput.resolve("--token", token, tokenFile, tokenEnv, System::getenv, System.console(),
                System.in, "responder token: ");
    }
}
