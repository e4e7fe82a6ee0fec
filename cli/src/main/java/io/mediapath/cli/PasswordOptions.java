package io.mediapath.cli;

import java.io.Console;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The long-term password of the commands that authenticate to a relay ({@code turn}, {@code quality}, {@code edge}),
 * as a picocli mixin: {@code --password} (alone: a prompt; {@code -}: one line on stdin), {@code --password-file},
 * {@code --password-env}. One declaration, so the three commands offer the same ways, words and checks.
 */
final class PasswordOptions {

    @Option(names = "--password", paramLabel = "PASSWORD|-", arity = "0..1", fallbackValue = SecretInput.PROMPT,
            description = "long-term password; never printed. Alone, asks on the terminal; - reads one line from "
                    + "stdin. Prefer the prompt, --password-file or --password-env: a password written here shows in ps")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "read the long-term password from the "
            + "first line of FILE")
    Path passwordFile;

    @Option(names = "--password-env", paramLabel = "VAR", description = "read the long-term password from the "
            + "environment variable VAR")
    String passwordEnv;

    /**
     * The password from whichever of the three ways was given (asking on {@code console} with {@code prompt} when
     * {@code --password} came alone), or null when none was.
     *
     * @throws IllegalArgumentException when more than one way was given or the file, variable or prompt gave
     *                                  nothing; the message never holds the secret
     */
    String resolve(Console console, String prompt) {
        return SecretInput.resolve("--password", password, passwordFile, passwordEnv, System::getenv, console,
                System.in, prompt);
    }
}
