package io.mediapath.ice.probe;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bytes one timeline event put on or took off a socket, as the probe's own socket saw them (the payload of
 * one UDP datagram, or of one TCP read or write), with the endpoints used. Enough to draw a ladder arrow and to
 * rebuild a packet for Wireshark. The bytes are a private copy, capped at {@link #MAX_BYTES}; {@link #length()}
 * is the true size.
 *
 * <p>The payload is what crossed the wire, so it may hold a STUN USERNAME or a certificate, never a password
 * (passwords are not sent in the clear by any dialect mediapath speaks). Renderers that show bytes to a person
 * still pass them through the report's redaction.
 *
 * @param direction  whether the probe sent or received these bytes
 * @param transport  UDP or TCP (TLS is TCP here: the bytes are the TLS records)
 * @param local      the probe's own address and port, when known
 * @param remote     the peer's address and port, when known
 * @param length     how many bytes moved (may exceed the bytes kept)
 */
public record WirePayload(Direction direction, Transport transport, InetSocketAddress local,
                          InetSocketAddress remote, int length, byte[] bytes) {

    /** At most this many bytes are kept per event; longer reads keep their head and their true length. */
    public static final int MAX_BYTES = 65_535;

    /** Which way the bytes went, seen from the probe. */
    public enum Direction { SENT, RECEIVED }

    /** The transport the bytes moved over. */
    public enum Transport { UDP, TCP }

    public WirePayload {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(bytes, "bytes");
        if (length < bytes.length) {
            throw new IllegalArgumentException("length " + length + " < bytes kept " + bytes.length);
        }
        bytes = Arrays.copyOf(bytes, Math.min(bytes.length, MAX_BYTES));
    }

    /** Bytes that moved, copied from {@code src[offset, offset + len)} (capped at {@link #MAX_BYTES}). */
    public static WirePayload of(Direction direction, Transport transport, InetSocketAddress local,
                                 InetSocketAddress remote, byte[] src, int offset, int len) {
        Objects.checkFromIndexSize(offset, len, src.length);
        return new WirePayload(direction, transport, local, remote, len,
                Arrays.copyOfRange(src, offset, offset + Math.min(len, MAX_BYTES)));
    }

    /** A copy of the bytes kept. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether only the head of a longer read was kept. */
    public boolean truncated() {
        return bytes.length < length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WirePayload w && direction == w.direction && transport == w.transport
                && Objects.equals(local, w.local) && Objects.equals(remote, w.remote) && length == w.length
                && Arrays.equals(bytes, w.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(direction, transport, local, remote, length, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "WirePayload[" + direction + " " + transport + " " + local + " -> " + remote + ", " + length + " bytes]";
    }
}
