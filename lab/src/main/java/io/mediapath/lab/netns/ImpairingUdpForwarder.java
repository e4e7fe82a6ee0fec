package io.mediapath.lab.netns;

import io.mediapath.lab.peers.Binaries;
import io.mediapath.lab.peers.ManagedProcess;
import io.mediapath.lab.peers.PeerStartException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted stand-in for {@code tc netem}, for kernels built without {@code CONFIG_NET_SCH_NETEM} (see
 * {@link #netemUnavailable()}): a UDP forwarder on a loopback port (or any address inside a test's namespace) that
 * relays a client's datagrams to {@code target} and the answers back, impairing the client-to-target direction as
 * {@code netem} on the client's egress would: a delay with uniform jitter ({@code delay ± jitter}), random loss, and
 * reordering (a packet picked for it is sent at once, overtaking the delayed ones before it, as netem's
 * {@code reorder}). The random choices come from a seeded {@link Random}, so a run is repeatable and the counters
 * ({@link #dropped()}, {@link #sentEarly()}) are exact. With {@code dataOnly}, only TURN ChannelData (first byte
 * 0x40–0x4F) is impaired and STUN control passes untouched, so what a test measures on data can be compared with what
 * the forwarder did. Each client source gets its own upstream socket (as a NAT would), so several connections of
 * one run (two allocations) stay apart; answers go back undelayed.
 *
 * <p>This is a scripted responder in the project's sense: it exists because the kernel lacks netem, and a test using
 * it says so loudly.
 */
public final class ImpairingUdpForwarder implements AutoCloseable {
    private final DatagramSocket front;
    private final java.util.Map<InetSocketAddress, DatagramSocket> backs = new java.util.concurrent.ConcurrentHashMap<>();
    private final InetSocketAddress target;
    private final Builder config;
    private final Random random;
    private final ScheduledThreadPoolExecutor timer;
    private final Thread up;
    private final List<Thread> downs = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger early = new AtomicInteger();
    private volatile boolean closed;

    private ImpairingUdpForwarder(Builder b) throws SocketException {
        this.config = b;
        this.target = b.target;
        this.random = new Random(b.seed);
        this.front = new DatagramSocket(new InetSocketAddress(NetworkNamespace.checkBindable(b.listen), 0));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "impair-delay");
            t.setDaemon(true);
            return t;
        });
        this.up = new Thread(this::upLoop, "impair-up");
        up.setDaemon(true);
        up.start();
    }

    /** A builder for a forwarder to {@code target}. */
    public static Builder builder(InetSocketAddress target) {
        return new Builder(target);
    }

    /**
     * Why {@code tc netem} cannot be used here, or empty when it can: tries {@code tc qdisc add dev lo root netem
     * delay 1ms} in a throw-away network namespace (root needed; the host is never touched).
     */
    public static Optional<String> netemUnavailable() {
        if (!NetworkNamespace.isRoot()) {
            return Optional.of("not root: network namespaces cannot be created");
        }
        String ip = Binaries.require("ip", "iproute2").toString();
        String tc = Binaries.require("tc", "iproute2").toString();
        String ns = "mpq" + (ProcessHandle.current().pid() % 100000) + "netem";
        try {
            ManagedProcess.run(Duration.ofSeconds(10), List.of(ip, "netns", "add", ns));
        } catch (PeerStartException e) {
            return Optional.of("cannot create a network namespace: " + e.getMessage());
        }
        try {
            ManagedProcess.run(Duration.ofSeconds(10), List.of(ip, "-n", ns, "link", "set", "lo", "up"));
            ManagedProcess.run(Duration.ofSeconds(10), List.of(ip, "netns", "exec", ns, tc, "qdisc", "add", "dev", "lo",
                    "root", "netem", "delay", "1ms"));
            return Optional.empty();
        } catch (PeerStartException e) {
            return Optional.of("the kernel has no sch_netem (CONFIG_NET_SCH_NETEM): "
                    + e.getMessage().replace('\n', ' ').trim());
        } finally {
            try {
                ManagedProcess.run(Duration.ofSeconds(10), List.of(ip, "netns", "del", ns));
            } catch (PeerStartException ignored) {
                // named mpq<pid>netem for manual cleanup
            }
        }
    }

    /** Where the client sends (instead of the target). */
    public InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    /** Datagrams relayed toward the target (impaired or not). */
    public int forwarded() {
        return forwarded.get();
    }

    /** Datagrams dropped (loss). */
    public int dropped() {
        return dropped.get();
    }

    /** Datagrams sent at once, overtaking delayed ones (reordering). */
    public int sentEarly() {
        return early.get();
    }

    private void upLoop() {
        byte[] buf = new byte[65536];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                front.receive(p);
            } catch (IOException e) {
                return; // closed
            }
            InetSocketAddress client = (InetSocketAddress) p.getSocketAddress();
            DatagramSocket back;
            try {
                back = backFor(client);
            } catch (SocketException e) {
                continue; // out of sockets: this datagram is lost, as a full NAT table would lose it
            }
            byte[] data = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
            boolean impair = !config.dataOnly || (data.length >= 4 && (data[0] & 0xF0) == 0x40);
            if (!impair) {
                send(back, data);
                continue;
            }
            long delayNanos;
            synchronized (random) {
                if (random.nextDouble() < config.loss) {
                    dropped.incrementAndGet();
                    continue;
                }
                if (random.nextDouble() < config.reorder) {
                    early.incrementAndGet();
                    send(back, data);
                    continue;
                }
                long jitter = config.jitter.toNanos();
                delayNanos = config.delay.toNanos() + (jitter == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitter));
            }
            if (delayNanos <= 0) {
                send(back, data);
            } else {
                timer.schedule(() -> send(back, data), delayNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    private DatagramSocket backFor(InetSocketAddress client) throws SocketException {
        DatagramSocket b = backs.get(client);
        if (b == null) {
            b = new DatagramSocket(new InetSocketAddress(front.getLocalAddress(), 0));
            backs.put(client, b);
            DatagramSocket fb = b;
            Thread t = new Thread(() -> downLoop(fb, client), "impair-down");
            t.setDaemon(true);
            downs.add(t);
            t.start();
        }
        return b;
    }

    private void send(DatagramSocket back, byte[] data) {
        try {
            back.send(new DatagramPacket(data, data.length, target));
            forwarded.incrementAndGet();
        } catch (IOException e) {
            // closed while a delayed datagram was pending
        }
    }

    private void downLoop(DatagramSocket back, InetSocketAddress client) {
        byte[] buf = new byte[65536];
        while (!closed) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                back.receive(p);
                front.send(new DatagramPacket(p.getData(), p.getOffset(), p.getLength(), client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Closes both sockets and drops what is still delayed. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        front.close();
        backs.values().forEach(DatagramSocket::close);
        try {
            up.join(2000);
            for (Thread t : downs) {
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Settings of an {@link ImpairingUdpForwarder}. */
    public static final class Builder {
        private final InetSocketAddress target;
        private InetAddress listen = InetAddress.getLoopbackAddress();
        private Duration delay = Duration.ZERO;
        private Duration jitter = Duration.ZERO;
        private double loss;
        private double reorder;
        private long seed = 1;
        private boolean dataOnly;

        private Builder(InetSocketAddress target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        /** Listen on this address (loopback by default; others only inside a test's namespace). */
        public Builder listen(InetAddress a) {
            this.listen = Objects.requireNonNull(a, "a");
            return this;
        }

        /** {@code delay ± jitter}, uniformly (netem {@code delay D J}). */
        public Builder delay(Duration delay, Duration jitter) {
            if (delay.isNegative() || jitter.isNegative() || jitter.compareTo(delay) > 0) {
                throw new IllegalArgumentException("delay " + delay + " ± " + jitter);
            }
            this.delay = delay;
            this.jitter = jitter;
            return this;
        }

        /** Drop this fraction (0 to 1) of the datagrams (netem {@code loss P%}). */
        public Builder loss(double fraction) {
            this.loss = check(fraction);
            return this;
        }

        /** Send this fraction at once, overtaking the delayed ones (netem {@code reorder P%}). */
        public Builder reorder(double fraction) {
            this.reorder = check(fraction);
            return this;
        }

        /** The random seed (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Impair only TURN ChannelData; STUN control passes at once. */
        public Builder dataOnly(boolean on) {
            this.dataOnly = on;
            return this;
        }

        private static double check(double f) {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("fraction: " + f + " (expected: 0 ~ 1)");
            }
            return f;
        }

        /** Binds and starts forwarding. */
        public ImpairingUdpForwarder start() {
            try {
                return new ImpairingUdpForwarder(this);
            } catch (SocketException e) {
                throw new UncheckedIOException("cannot bind the impairing forwarder on " + listen, e);
            }
        }
    }
}
