package io.mediapath.lab.peers;

import io.mediapath.ice.TransportAddress;
import java.nio.file.Path;

/**
 * What every launcher shares: one {@link ManagedProcess} and the address it listens on. The launchers add their
 * own configuration, material and accessors; lifecycle and the {@link Peer} answers live here once.
 */
abstract class ProcessPeer implements Peer {

    final ManagedProcess process;
    final TransportAddress address;

    ProcessPeer(ManagedProcess process, TransportAddress address) {
        this.process = process;
        this.address = address;
    }

    @Override
    public TransportAddress address() {
        return address;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Path workDir() {
        return process.workDir();
    }

    @Override
    public Path log() {
        return process.log();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.close();
    }
}
