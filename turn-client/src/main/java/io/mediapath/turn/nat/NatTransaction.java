package io.mediapath.turn.nat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * One Binding transaction of a NAT behaviour test, kept as the proof of a result.
 *
 * @param test           which test it belongs to ({@code mapping-1}, {@code filtering-2}, {@code hairpin}, …)
 * @param local          the local socket it was sent from
 * @param destination    where the request went
 * @param changeRequest  its CHANGE-REQUEST, if any
 * @param transactionId  the transaction id (hex)
 * @param answered       whether a matching answer came before the deadline
 * @param mapped         XOR-MAPPED-ADDRESS (or MAPPED-ADDRESS) of the answer
 * @param responseOrigin RESPONSE-ORIGIN of the answer (where it says it came from)
 * @param source         the source address the answer actually came from
 * @param otherAddress   OTHER-ADDRESS of the answer
 * @param elapsed        from the first send to the answer, or to giving up
 * @param requestsSent   how many times the request was sent (UDP retransmissions)
 * @param error          the STUN error or the reason it failed, when it did
 */
public record NatTransaction(String test, InetSocketAddress local, InetSocketAddress destination,
                             Optional<ChangeRequest> changeRequest, String transactionId, boolean answered,
                             Optional<InetSocketAddress> mapped, Optional<InetSocketAddress> responseOrigin,
                             Optional<InetSocketAddress> source, Optional<InetSocketAddress> otherAddress,
                             Duration elapsed, int requestsSent, Optional<String> error) {

    /** One line: {@code mapping-2 10.0.0.2:4000 -> 198.51.100.2:3478 CHANGE-REQUEST[ip]: mapped … (12 ms)}. */
    public String describe() {
        StringBuilder b = new StringBuilder(test).append(' ').append(hostPort(local)).append(" -> ")
                .append(hostPort(destination));
        changeRequest.ifPresent(c -> b.append(' ').append(c));
        if (answered) {
            b.append(": answered");
            mapped.ifPresent(m -> b.append(", mapped ").append(hostPort(m)));
            source.ifPresent(s -> b.append(", from ").append(hostPort(s)));
        } else {
            b.append(": no answer after ").append(requestsSent).append(" request(s)");
        }
        error.ifPresent(e -> b.append(" (").append(e).append(')'));
        return b.append(" (").append(elapsed.toMillis()).append(" ms, tx ").append(transactionId).append(')').toString();
    }

    static String hostPort(InetSocketAddress a) {
        String h = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
