package io.mediapath.turn.nat;

import io.mediapath.turn.StunTimers;
import io.mediapath.turn.internal.Retransmissions;
import io.mediapath.turn.stun.StunClass;
import io.mediapath.turn.stun.StunDecodeException;
import io.mediapath.turn.stun.StunMessage;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One RFC 8489 §6.2.1 UDP transaction on plain sockets: the request is sent from {@code from} up to {@code rc} times,
 * the gaps doubling from {@code rto}, and the answer is awaited on {@code on} (the same socket, or another for the
 * hairpin and RESPONSE-PORT tests) until {@code rm × rto} after the last send. Everything that is not the awaited
 * message (another transaction, not STUN, a bad attribute) is counted as stray and ignored. Blocking, on the caller's
 * thread: NAT tests are sequential by nature, and every wait ends at the timer profile's bound.
 */
final class UdpExchange {
    private final StunTimers timers;
    private int stray;

    UdpExchange(StunTimers timers) {
        this.timers = timers;
    }

    int stray() {
        return stray;
    }

    /** What came back: the message (if any), where from, how long, how many sends. */
    record Answer(Optional<StunMessage> message, Optional<InetSocketAddress> source, Duration elapsed, int sent,
                  Optional<String> error) {
    }

    /**
     * Sends {@code request} to {@code destination} from {@code from} and waits on {@code on} for a message of the
     * same transaction whose class is {@code expect} (a response, or the request itself for hairpinning; an error
     * response always ends the wait).
     */
    Answer transact(DatagramSocket from, DatagramSocket on, InetSocketAddress destination, StunMessage request,
                    StunClass expect) throws IOException {
        byte[] wire = request.toBytes();
        byte[] buf = new byte[2048];
        long start = System.nanoTime();
        long nextSend = start;
        int sent = 0;
        long end = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (sent < timers.rc() && now >= nextSend) {
                from.send(new DatagramPacket(wire, wire.length, destination));
                sent++;
                // The one schedule of a profile (both clients ask it too): doubling gaps, then rm x rto.
                long wait = TimeUnit.MILLISECONDS.toNanos(Retransmissions.waitMillis(timers, false, sent));
                if (Retransmissions.isLast(timers, false, sent)) {
                    end = now + wait;
                } else {
                    nextSend = now + wait;
                }
                continue;
            }
            long wakeAt = Math.min(end, sent < timers.rc() ? nextSend : end);
            long waitMs = Math.max(1, (wakeAt - now + 999_999) / 1_000_000);
            if (now >= end) {
                return new Answer(Optional.empty(), Optional.empty(), Duration.ofNanos(now - start), sent,
                        Optional.empty());
            }
            on.setSoTimeout((int) Math.min(waitMs, Integer.MAX_VALUE));
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                on.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            StunMessage m;
            try {
                m = StunMessage.decode(Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength()));
            } catch (StunDecodeException | IllegalArgumentException e) {
                stray++;
                continue;
            }
            if (!m.hasTransactionId(request.transactionId())) {
                stray++;
                continue;
            }
            StunClass c = m.messageClass();
            InetSocketAddress src = (InetSocketAddress) p.getSocketAddress();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (c == expect) {
                return new Answer(Optional.of(m), Optional.of(src), took, sent, Optional.empty());
            }
            if (c == StunClass.ERROR_RESPONSE) {
                String err = m.errorCode().map(ec -> ec.code() + " " + ec.reason()).orElse("error response");
                return new Answer(Optional.of(m), Optional.of(src), took, sent, Optional.of(err));
            }
            stray++;
        }
    }
}
