package io.mediapath.responder;

import io.mediapath.ice.receipt.ReceiptToken;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A responder on loopback for the module's tests: UDP and TCP on ephemeral ports, a certificate named
 * {@code responder.test}, and its arrival log kept in memory so a test can read it (and check that no secret is in
 * it). One place for the start-up the responder tests share.
 */
final class LoopbackResponder implements AutoCloseable {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Responder responder;

    private LoopbackResponder(ReceiptToken token) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        responder = Responder.start(ResponderOptions.builder().token(token).udp(new InetSocketAddress(lo, 0))
                .tcp(new InetSocketAddress(lo, 0)).certificateName("responder.test").arrivalLog(log::add).build());
    }

    static LoopbackResponder start(ReceiptToken token) {
        return new LoopbackResponder(token);
    }

    Responder responder() {
        return responder;
    }

    /** The arrival lines logged so far (a live view). */
    List<String> log() {
        return log;
    }

    @Override
    public void close() {
        responder.close();
    }
}
