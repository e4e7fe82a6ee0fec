/**
 * mediapath responder: the far end of the two-ended path proof (issue 16). It answers as a relay would — STUN
 * Binding, a TURN/MS-TURN 401 challenge, the genuine pseudo-TLS answer, a real TLS handshake — and, to a probe holding
 * the shared token, sends a signed arrival receipt (ice-core's {@code io.mediapath.ice.receipt}). Also the near end's
 * probe that sends each leg's hello and judges the receipt.
 */
module io.mediapath.responder {
    requires transitive io.mediapath.ice;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    requires org.slf4j;

    exports io.mediapath.responder;
}
