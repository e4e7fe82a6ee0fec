package io.mediapath.turn.internal;

import io.mediapath.turn.TurnException;
import io.mediapath.turn.TurnException.Kind;
import io.mediapath.turn.stun.StunDecodeException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Turns what Netty and the JDK throw into a {@link TurnException} of the right {@link Kind}: one classification for
 * the RFC and the MS-TURN client, so the same failure gets the same name in both dialects.
 */
public final class Failures {
    private Failures() {
    }

    /** Strips the wrappers futures and decoders put around the cause. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof DecoderException && !(t instanceof StunDecodeException)) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The failure of {@code what} (e.g. "connect to 192.0.2.1:3478"). */
    public static TurnException classify(Throwable t, String what) {
        Throwable c = unwrap(t);
        if (c instanceof TurnException te) {
            return te;
        }
        if (c instanceof PortUnreachableException) {
            return new TurnException(Kind.CONNECT_REFUSED, what + ": ICMP port unreachable", null, c);
        }
        if (c instanceof ConnectTimeoutException) {
            return new TurnException(Kind.TIMEOUT, what + ": connect timed out", null, c);
        }
        if (c instanceof SslHandshakeTimeoutException) {
            return new TurnException(Kind.TIMEOUT, what + ": " + c.getMessage() + " (TCP connected, the TLS handshake "
                    + "did not finish)", null, c);
        }
        if (c instanceof NoRouteToHostException) {
            return new TurnException(Kind.UNREACHABLE, what + ": no route to host", null, c);
        }
        if (c instanceof BindException) {
            // Before anything is sent: the chosen local address is not one of this host's (or is in use).
            return new TurnException(Kind.LOCAL_ADDRESS, what + ": cannot use the local address: " + c.getMessage(),
                    null, c);
        }
        if (c instanceof ConnectException ce) {
            String m = String.valueOf(ce.getMessage());
            return new TurnException(m.contains("unreachable") && !m.contains("refused") ? Kind.UNREACHABLE
                    : Kind.CONNECT_REFUSED, what + ": " + m, null, c);
        }
        if (c instanceof SSLException) {
            return new TurnException(Kind.TLS_FAILED, what + ": " + c.getMessage(), null, c);
        }
        if (c instanceof StunDecodeException) {
            return new TurnException(Kind.NOT_STUN, what + ": " + c.getMessage(), null, c);
        }
        if (c instanceof SocketException se && String.valueOf(se.getMessage()).contains("unreachable")) {
            // Linux: connect(2) ENETUNREACH surfaces as a plain SocketException, not a ConnectException.
            return new TurnException(Kind.UNREACHABLE, what + ": " + se.getMessage(), null, c);
        }
        if (c instanceof IOException) {
            return new TurnException(Kind.CLOSED, what + ": " + c.getMessage(), null, c);
        }
        return new TurnException(Kind.PROTOCOL, what + ": " + c, null, c);
    }

    /**
     * A local address of the wrong family for {@code server}: a usage error found before anything is sent (binding
     * {@code ::1} and connecting to an IPv4 server fails in the kernel as "Network is unreachable").
     */
    public static Optional<TurnException> familyMismatch(InetAddress local, InetAddress server) {
        if (local == null || server == null || local.isAnyLocalAddress()
                || (local instanceof java.net.Inet6Address) == (server instanceof java.net.Inet6Address)) {
            return Optional.empty();
        }
        return Optional.of(new TurnException(Kind.LOCAL_ADDRESS, "local address " + local.getHostAddress() + " is "
                + family(local) + " but the server " + server.getHostAddress() + " is " + family(server)
                + ": nothing was sent; choose a local address of the server's family"));
    }

    private static String family(InetAddress a) {
        return a instanceof java.net.Inet6Address ? "IPv6" : "IPv4";
    }
}
