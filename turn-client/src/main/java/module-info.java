/**
 * mediapath turn-client: STUN (RFC 8489) and TURN (RFC 8656, RFC 6062) on Netty over UDP, TCP and TLS, and the
 * MS-TURN dialect; a relay probe that reports in ice-core's vocabulary.
 */
module io.mediapath.turn {
    requires transitive io.mediapath.ice;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires org.slf4j;

    // The clients and probes, and the two transport-free codecs. The Netty handlers, stream framers, retransmission
    // schedule and shared event loops live in io.mediapath.turn.internal, which is not exported.
    exports io.mediapath.turn;
    exports io.mediapath.turn.stun;
    exports io.mediapath.turn.msturn;
    exports io.mediapath.turn.nat;
    exports io.mediapath.turn.quality;
}
