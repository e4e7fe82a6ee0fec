package io.mediapath.responder;

/**
 * Counters of a running {@link Responder}.
 *
 * @param arrivals        datagrams and connections admitted
 * @param refused         datagrams and connections refused (rate, per-source cap, global cap)
 * @param answers         protocol answers sent
 * @param receipts        receipts issued
 * @param udpBytesIn      UDP bytes received from admitted and refused datagrams
 * @param udpBytesOut     UDP bytes sent
 * @param openConnections TCP connections open now
 */
public record ResponderStats(long arrivals, long refused, long answers, long receipts, long udpBytesIn,
        long udpBytesOut, int openConnections) {
}
