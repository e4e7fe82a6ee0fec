package io.mediapath.sdp;

import java.util.List;
import java.util.Optional;

/**
 * {@code a=rtcp:<port> [<nettype> <addrtype> <address>]} (RFC 3605).
 *
 * @param port        RTCP port
 * @param networkType network type, when an address is given
 * @param addressType address type as written (even an invalid one such as {@code IP7})
 * @param address     the address as written
 */
public record Rtcp(int port, Optional<String> networkType, Optional<String> addressType, Optional<String> address) {

    /** The typed view of an {@code a=rtcp} attribute. */
    public static Optional<Rtcp> from(Attribute a) {
        if (!a.is("rtcp") || a.value().isEmpty()) {
            return Optional.empty();
        }
        List<String> w = Attributes.words(a.value().get());
        if (w.isEmpty() || (w.size() != 1 && w.size() != 4)) {
            return Optional.empty();
        }
        long port = Attributes.parseBounded(w.get(0), 65535);
        if (port < 0) {
            return Optional.empty();
        }
        if (w.size() == 1) {
            return Optional.of(new Rtcp((int) port, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        return Optional.of(new Rtcp((int) port, Optional.of(w.get(1)), Optional.of(w.get(2)), Optional.of(w.get(3))));
    }
}
