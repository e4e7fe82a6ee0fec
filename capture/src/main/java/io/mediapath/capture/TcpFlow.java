package io.mediapath.capture;

import java.util.List;
import java.util.Objects;

/**
 * A TCP connection from a capture: the handshake as seen, and both directions reassembled.
 *
 * @param client                 the SYN's sender (else the first sender)
 * @param server                 the other side
 * @param firstFrame             the first frame of the connection
 * @param firstNanos             its time
 * @param lastNanos              the last frame's time
 * @param synFrame               the client's first SYN, or 0 when the capture began mid-connection
 * @param synNanos               its time, or 0
 * @param synRetransmissionFrames later SYNs of the client (the connect was being retried)
 * @param synAckFrame            the server's first SYN-ACK, or 0
 * @param synAckNanos            its time, or 0
 * @param toServer               the client's direction
 * @param toClient               the server's direction
 * @param ending                 why the flow table let go of it
 */
public record TcpFlow(Endpoint client, Endpoint server, long firstFrame, long firstNanos, long lastNanos,
        long synFrame, long synNanos, List<Long> synRetransmissionFrames, long synAckFrame, long synAckNanos,
        TcpDirection toServer, TcpDirection toClient, Ending ending) implements Flow {

    public TcpFlow {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        synRetransmissionFrames = List.copyOf(synRetransmissionFrames);
        Objects.requireNonNull(toServer, "toServer");
        Objects.requireNonNull(toClient, "toClient");
        Objects.requireNonNull(ending, "ending");
    }

    @Override
    public String toString() {
        return "tcp " + client + " > " + server + " frame " + firstFrame + " (" + toServer.streamBytes() + "/"
                + toClient.streamBytes() + " bytes, " + ending + ")";
    }
}
