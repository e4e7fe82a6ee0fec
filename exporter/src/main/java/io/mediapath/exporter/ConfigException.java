package io.mediapath.exporter;

/** A config file (or text) that cannot be used, with a one-line reason naming the key. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A config error. */
    public ConfigException(String message) {
        super(message);
    }
}
