package io.mediapath.capture;

import java.util.List;
import java.util.Objects;

/**
 * The UDP datagrams between two endpoints.
 *
 * @param client        the first sender
 * @param server        the other side
 * @param firstFrame    the first datagram's frame
 * @param firstNanos    its time
 * @param lastNanos     the last datagram's time
 * @param datagrams     the first datagrams, both directions, in capture order
 * @param datagramCount all datagrams
 * @param ending        why the flow table let go of it
 */
public record UdpFlow(Endpoint client, Endpoint server, long firstFrame, long firstNanos, long lastNanos,
        List<Datagram> datagrams, long datagramCount, Ending ending) implements Flow {

    public UdpFlow {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        datagrams = List.copyOf(datagrams);
        Objects.requireNonNull(ending, "ending");
    }

    @Override
    public String toString() {
        return "udp " + client + " > " + server + " frame " + firstFrame + " (" + datagramCount + " datagrams, "
                + ending + ")";
    }
}
