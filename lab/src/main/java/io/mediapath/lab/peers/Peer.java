package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import java.nio.file.Path;

/** A running real peer started by the lab: its address, process id, work directory and log. */
public interface Peer extends AutoCloseable {

    /** The main listening address. */
    TransportAddress address();

    /** The process id of the peer's main process. */
    long pid();

    /** The temporary directory holding its configuration, certificates, pid file and logs. */
    Path workDir();

    /** The log file with the peer's stdout and stderr. */
    Path log();

    /** Whether the process is still running. */
    boolean isAlive();

    /** Stops the peer (and its children) and removes its work directory. */
    @Override
    void close();
}
