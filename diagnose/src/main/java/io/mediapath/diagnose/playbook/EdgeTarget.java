package io.mediapath.diagnose.playbook;

import io.mediapath.ice.TransportAddress;

import java.util.Objects;
import java.util.Optional;

/**
 * The relay an edge run diagnoses, and how to reach it. Immutable; {@link #toString()} never shows the password.
 *
 * <pre>{@code
 * EdgeTarget edge = EdgeTarget.builder("edge.example.com").location(ClientLocation.INTRANET).build();
 * EdgeTarget teams = EdgeTarget.builder("relay.example.net").dialect(Dialect.TURN).credentials(u, p).build();
 * }</pre>
 */
public final class EdgeTarget {
    /** The Edge's default UDP port. */
    public static final int DEFAULT_UDP_PORT = 3478;
    /** The Edge's default TCP port. */
    public static final int DEFAULT_TCP_PORT = 443;

    private final String host;
    private final int udpPort;
    private final int tcpPort;
    private final Dialect dialect;
    private final String username;
    private final String password;
    private final String sni;
    private final TransportAddress proxy;
    private final String proxyUser;
    private final String proxyPassword;
    private final ClientLocation location;
    private final TransportAddress peer;

    private EdgeTarget(Builder b) {
        this.host = b.host;
        this.udpPort = b.udpPort;
        this.tcpPort = b.tcpPort;
        this.dialect = b.dialect;
        this.username = b.username;
        this.password = b.password;
        this.sni = b.sni;
        this.proxy = b.proxy;
        this.proxyUser = b.proxyUser;
        this.proxyPassword = b.proxyPassword;
        this.location = b.location;
        this.peer = b.peer;
    }

    /** A builder for the relay {@code host} (a name or an IP literal; IPv6 with or without brackets). */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** The relay's name or IP literal (IPv6 without brackets). */
    public String host() {
        return host;
    }

    /** The UDP port (3478 by default). */
    public int udpPort() {
        return udpPort;
    }

    /** The TCP port (443 by default). */
    public int tcpPort() {
        return tcpPort;
    }

    /** The relay protocol. */
    public Dialect dialect() {
        return dialect;
    }

    /** The username for a full Allocate; empty when only the 401 challenge is fetched (which proves the path). */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password belonging to {@link #username()}. Never printed by mediapath. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** True when credentials were given. */
    public boolean hasCredentials() {
        return username != null;
    }

    /** The SNI name for the TLS legs: the one given, else the host when it is a name, else empty. */
    public Optional<String> sni() {
        if (sni != null) {
            return Optional.of(sni);
        }
        return TransportAddress.isIpLiteral(host) ? Optional.empty() : Optional.of(host);
    }

    /** The Basic-auth user for the explicit proxy, when given. */
    public Optional<String> proxyUsername() {
        return Optional.ofNullable(proxyUser);
    }

    /** The password belonging to {@link #proxyUsername()}. Never printed by mediapath. */
    public Optional<String> proxyPassword() {
        return Optional.ofNullable(proxyPassword);
    }

    /** The explicit HTTP proxy to probe through, when one was given. */
    public Optional<TransportAddress> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** Where this machine sits. */
    public ClientLocation location() {
        return location;
    }

    /** An echo peer for a relayed echo after a full Allocate (turn dialect, with credentials). */
    public Optional<TransportAddress> peer() {
        return Optional.ofNullable(peer);
    }

    /** The UDP relay address as given (host and UDP port). */
    public TransportAddress udpAddress() {
        return new TransportAddress(host, udpPort);
    }

    /** The TCP relay address as given (host and TCP port). */
    public TransportAddress tcpAddress() {
        return new TransportAddress(host, tcpPort);
    }

    @Override
    public String toString() {
        return "EdgeTarget[" + host + " udp " + udpPort + " tcp " + tcpPort + ", " + dialect
                + (username != null ? ", user " + username + ", password ***" : "")
                + (sni != null ? ", sni " + sni : "") + (proxy != null ? ", proxy " + proxy : "")
                + (proxyUser != null ? ", proxy user " + proxyUser + ", proxy password ***" : "")
                + ", " + location + "]";
    }

    /** Builds an {@link EdgeTarget}. */
    public static final class Builder {
        private final String host;
        private int udpPort = DEFAULT_UDP_PORT;
        private int tcpPort = DEFAULT_TCP_PORT;
        private Dialect dialect = Dialect.MS_TURN;
        private String username;
        private String password;
        private String sni;
        private TransportAddress proxy;
        private String proxyUser;
        private String proxyPassword;
        private ClientLocation location = ClientLocation.UNKNOWN;
        private TransportAddress peer;

        private Builder(String host) {
            Objects.requireNonNull(host, "host");
            // TransportAddress checks emptiness and strips IPv6 brackets.
            this.host = new TransportAddress(host.strip(), 0).host();
        }

        /** The UDP port, 1 to 65535. */
        public Builder udpPort(int port) {
            this.udpPort = port(port, "udpPort");
            return this;
        }

        /** The TCP port, 1 to 65535. */
        public Builder tcpPort(int port) {
            this.tcpPort = port(port, "tcpPort");
            return this;
        }

        /** The relay protocol (default {@link Dialect#MS_TURN}). */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** Credentials for a full Allocate. Without them the relay's 401 already proves the path. */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The name the TLS legs send as SNI (default: the host when it is a name). */
        public Builder sni(String name) {
            Objects.requireNonNull(name, "sni");
            if (name.isBlank() || TransportAddress.isIpLiteral(name)) {
                throw new IllegalArgumentException("sni: " + name + " (expected: a DNS name)");
            }
            this.sni = name;
            return this;
        }

        /** An explicit HTTP proxy to probe through with CONNECT. */
        public Builder proxy(TransportAddress proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Basic authentication to the explicit proxy, for the {@code proxy-relay} leg's CONNECT (the user must not
         * contain ':'; neither may contain a line break).
         */
        public Builder proxyCredentials(String username, String password) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.indexOf(':') >= 0 || (username + password).chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("proxy credentials: no ':' in the user, no line breaks");
            }
            this.proxyUser = username;
            this.proxyPassword = password;
            return this;
        }

        /** Where this machine sits (default unknown). */
        public Builder location(ClientLocation location) {
            this.location = Objects.requireNonNull(location, "location");
            return this;
        }

        /** An echo peer for the relayed echo (turn dialect, with credentials). */
        public Builder peer(TransportAddress peer) {
            this.peer = Objects.requireNonNull(peer, "peer");
            return this;
        }

        /** The target. */
        public EdgeTarget build() {
            return new EdgeTarget(this);
        }

        private static int port(int port, String what) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(what + ": " + port + " (expected: 1 ~ 65535)");
            }
            return port;
        }
    }
}
