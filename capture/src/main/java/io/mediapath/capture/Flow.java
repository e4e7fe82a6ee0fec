package io.mediapath.capture;

/** A TCP connection or a UDP exchange between two endpoints, as the capture shows it. */
public sealed interface Flow permits TcpFlow, UdpFlow {

    /** Why the flow table let go of a flow. */
    enum Ending {
        /** Both sides sent FIN. */
        CLOSED,
        /** A side sent RST. */
        RESET,
        /** Nothing for longer than the idle timeout (capture time). */
        IDLE,
        /** Pushed out by newer flows when the table was full. */
        CROWDED_OUT,
        /** The capture ended while the flow was open. */
        CAPTURE_ENDED
    }

    /** The side that opened the flow: the SYN's sender, else the first sender. */
    Endpoint client();

    /** The other side. */
    Endpoint server();

    /** The flow's first frame. */
    long firstFrame();

    /** Capture time of the first frame. */
    long firstNanos();

    /** Capture time of the last frame. */
    long lastNanos();

    /** Why it was let go. */
    Ending ending();
}
